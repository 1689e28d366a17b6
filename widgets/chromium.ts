// Real headless Chromium (Debian's, driven by playwright-core) for what runs the widgets in a browser from Node: the
// browser tests and the widgets' benchmark. Beside build.ts as the widgets' tooling, which both may import.
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Without the background-networking flag Chromium keeps dialling out, and a closed network refuses it. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
