// npm test's pretest: Chromium and redis-server present, installed with apt-get when root on Debian, else one command to run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the browser tests look for Chromium (widgets/chromium.ts): CHROMIUM_PATH, else Debian's. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** What the machine is like: each probe is cheap and local (file checks only, no network). */
export interface Probes {
  /** CHROMIUM_PATH as set, or undefined. */
  chromiumPath: string | undefined;
  /** Whether the Chromium the tests would launch is an executable file. */
  chromiumFound: boolean;
  /** Whether redis-server is an executable on PATH. */
  redisFound: boolean;
  /** Whether we run as root, who may install packages without sudo. */
  root: boolean;
  /** Whether apt-get is on PATH (Debian and its derivatives). */
  apt: boolean;
  /** Whether apt has package lists yet (a fresh container has none, and installs nothing until apt-get update). */
  aptListsPresent: boolean;
}

export type Decision =
  | { action: 'ready' }
  | { action: 'install'; packages: string[]; update: boolean }
  | { action: 'stop'; message: string };

/** Decides what to do from the probes alone, so the unit test can try every kind of machine. */
export function decide(probes: Probes): Decision {
  const ownChromium = probes.chromiumPath !== undefined && probes.chromiumPath !== DEBIAN_CHROMIUM;
  if (ownChromium && !probes.chromiumFound)
    // The user chose a browser: installing Debian's would not be the one they asked for.
    return {
      action: 'stop',
      message: `CHROMIUM_PATH is ${probes.chromiumPath}, which is not an executable file: point it at a Chromium, or unset it to use Debian's at ${DEBIAN_CHROMIUM}.`,
    };
  const packages = [...(probes.chromiumFound ? [] : ['chromium']), ...(probes.redisFound ? [] : ['redis-server'])];
  if (packages.length === 0) return { action: 'ready' };
  const missing = packages.join(' and ');
  if (probes.apt && probes.root) return { action: 'install', packages, update: !probes.aptListsPresent };
  if (probes.apt)
    return {
      action: 'stop',
      message: `The tests need ${missing}, which are missing. Run this once, then npm test again:\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
    };
  return {
    action: 'stop',
    message: `The tests need ${missing}, which are missing, and this is not Debian (no apt-get). Install ${missing} with your system's package manager${probes.chromiumFound ? '' : ', and set CHROMIUM_PATH to the Chromium executable'}, then npm test again.`,
  };
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && executable(path.join(dir, command)));
}

function aptListsPresent(): boolean {
  try {
    return readdirSync('/var/lib/apt/lists').some(
      (name) => name.endsWith('_Packages') || name.endsWith('_Packages.lz4'),
    );
  } catch {
    return false;
  }
}

/** Probes this machine. */
export function probe(env: NodeJS.ProcessEnv = process.env): Probes {
  const chromiumPath = env.CHROMIUM_PATH || undefined;
  return {
    chromiumPath,
    chromiumFound: executable(chromiumPath ?? DEBIAN_CHROMIUM),
    redisFound: onPath('redis-server'),
    root: process.getuid?.() === 0,
    apt: onPath('apt-get'),
    aptListsPresent: aptListsPresent(),
  };
}

function aptGet(args: string[]): boolean {
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Checks, installs where it may, and returns the exit code: 0 when the tests can run. */
export function ensurePrerequisites(): number {
  const decision = decide(probe());
  if (decision.action === 'ready') return 0;
  if (decision.action === 'stop') {
    console.error(decision.message);
    return 1;
  }
  console.error(`Installing ${decision.packages.join(' and ')} for the tests (apt-get, as root)…`);
  const install = ['install', '-y', '-q', ...decision.packages];
  // Stale lists name package versions the mirror no longer has: refresh them once and try again.
  const installed =
    (decision.update ? aptGet(['update', '-q']) && aptGet(install) : aptGet(install)) ||
    (!decision.update && aptGet(['update', '-q']) && aptGet(install));
  const after = decide(probe());
  if (installed && after.action === 'ready') return 0;
  console.error(
    `Could not install ${decision.packages.join(' and ')}. Run this, read what it says, then npm test again:\n  apt-get update && apt-get install -y ${decision.packages.join(' ')}`,
  );
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = ensurePrerequisites();
