// The widgets' element API read from the committed Custom Elements Manifest, for the /demo page's reference tables
// and for /embed, which passes on only the attributes an element declares.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CustomElementsManifest, type ElementApi, elementsOf } from '../../../contract/custom-elements.js';
import { html, type Html } from './html.js';

const MANIFEST = fileURLToPath(new URL('../../../widgets/custom-elements.json', import.meta.url));

/** The elements as the manifest describes them; none when it is missing (then /demo shows no tables). */
export function readElements(file = MANIFEST): ElementApi[] {
  if (!existsSync(file)) return [];
  return elementsOf(JSON.parse(readFileSync(file, 'utf8')) as CustomElementsManifest);
}

/** An element's reference: its attributes, events, parts and custom properties, each a small table. */
export function elementReference(element: ElementApi): Html {
  const table = (caption: string, rows: { name: string; description?: string }[]) =>
    rows.length === 0
      ? ''
      : html`<table><caption>${caption}</caption>
  <thead><tr><th scope="col">Name</th><th scope="col">Meaning</th></tr></thead>
  <tbody>${rows.map((r) => html`<tr><td><code>${r.name}</code></td><td>${r.description}</td></tr>`)}</tbody></table>`;
  return html`<details><summary>The <code>&lt;${element.tag}&gt;</code> element's API (from custom-elements.json)</summary>
  ${table('Attributes', element.attributes)}
  ${table('Events (they bubble and cross shadow roots)', element.events)}
  ${table('Parts, for ::part()', element.parts)}
  ${table('Custom properties', element.properties)}
</details>`;
}
