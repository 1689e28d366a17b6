// The Custom Elements Manifest is the widgets' public contract: it lists the four elements with their attributes,
// events, parts and custom properties, and the README's table is made from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CustomElementsManifest, elementsOf, markdownTable } from '../../../contract/custom-elements.js';

const manifest = JSON.parse(readFileSync('widgets/custom-elements.json', 'utf8')) as CustomElementsManifest;
const elements = elementsOf(manifest);
const names = (items: { name: string }[]) => items.map((i) => i.name);

describe('custom-elements.json', () => {
  it('lists the four elements with their attributes and events, and no internal state', () => {
    expect(elements.map((e) => e.tag)).toEqual(['ph-comms-plan', 'ph-directory', 'ph-network', 'ph-programme']);
    const byTag = Object.fromEntries(elements.map((e) => [e.tag, e]));
    expect(names(byTag['ph-directory']!.attributes)).toEqual(
      expect.arrayContaining(['api', 'key', 'area', 'topic', 'kind', 'text', 'postcode', 'page-size', 'heading']),
    );
    expect(names(byTag['ph-network']!.attributes)).toEqual(
      expect.arrayContaining(['programme', 'organisation', 'around', 'depth', 'view']),
    );
    for (const element of elements) {
      expect(names(element.events)).toEqual(expect.arrayContaining(['ph-load', 'ph-error']));
      expect(names(element.parts)).toEqual(expect.arrayContaining(['base', 'status']));
      expect(names(element.properties)).toEqual(expect.arrayContaining(['--ph-colour-primary', '--ph-font-family']));
      // Lit's internal state (`state: true`) is not an attribute.
      expect(names(element.attributes)).not.toContain('loadState');
      for (const attribute of element.attributes) expect(attribute.description, attribute.name).not.toBe('');
    }
  });

  it("is what the README's element table shows", () => {
    expect(readFileSync('README.md', 'utf8')).toContain(markdownTable(elements));
  });
});
