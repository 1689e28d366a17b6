// The elements' public API as the Custom Elements Manifest (widgets/custom-elements.json) describes it, reduced to
// what the README's tables and the /demo page show: one place reads the manifest, so the two cannot disagree.

interface Described {
  name: string;
  description?: string;
}

/** The parts of the Custom Elements Manifest schema (version 2) that these pages use. */
export interface CustomElementsManifest {
  modules: {
    declarations?: (Described & {
      tagName?: string;
      customElement?: boolean;
      attributes?: (Described & { type?: { text: string } })[];
      events?: Described[];
      cssParts?: Described[];
      cssProperties?: Described[];
    })[];
  }[];
}

export interface ElementApi {
  tag: string;
  description: string;
  attributes: Described[];
  events: Described[];
  parts: Described[];
  properties: Described[];
}

const plain = (items: Described[] | undefined): Described[] =>
  (items ?? []).map(({ name, description }) => ({ name, description: description ?? '' }));

/** Each custom element the manifest declares, by tag name. */
export function elementsOf(manifest: CustomElementsManifest): ElementApi[] {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .map((d) => ({
      tag: d.tagName!,
      description: (d.description ?? '').replace(/\s+/g, ' ').trim(),
      attributes: plain(d.attributes),
      events: plain(d.events),
      parts: plain(d.cssParts),
      properties: plain(d.cssProperties),
    }))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The README's table: one row per element, what it shows, its attributes and its events. */
export function markdownTable(elements: readonly ElementApi[]): string {
  const rows = elements.map(
    (e) =>
      `| \`<${e.tag}>\` | ${cell(e.description.split('. ')[0]!.replace(/\.$/, ''))} | ${e.attributes.map((a) => `\`${a.name}\``).join(', ')} | ${e.events.map((x) => `\`${x.name}\``).join(', ')} |`,
  );
  return ['| element | shows | attributes | events |', '|---|---|---|---|', ...rows].join('\n');
}
