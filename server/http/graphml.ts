// A partnership network as GraphML with every attribute declared and typed, as Gephi, networkx and igraph read it.
import type { Network } from '../database/network.js';

/** The attributes a network's members and links carry, each with the GraphML type its values have. */
const NODE_KEYS = [
  { id: 'label', name: 'label', type: 'string' },
  { id: 'key', name: 'key', type: 'string' },
  { id: 'type', name: 'type', type: 'string' },
  { id: 'organisationKind', name: 'organisationKind', type: 'string' },
  { id: 'demo', name: 'demo', type: 'boolean' },
] as const;
const EDGE_KEYS = [
  { id: 'relationship', name: 'relationship', type: 'string' },
  { id: 'role', name: 'role', type: 'string' },
] as const;

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function data(key: string, value: string | boolean | undefined): string {
  return value === undefined ? '' : `<data key="${key}">${xmlText(String(value))}</data>`;
}

/**
 * GraphML 1.0 as its primer has it. Keys are declared once with attr.name and attr.type (networkx's read_graphml and
 * igraph's read_graph take only boolean, int, long, float, double and string, and Gephi the same), a key's id is its
 * name so the file reads plainly, and Gephi takes the `label` key as each node's label. The graph is directed, from an
 * organisation to its programme and from a programme to its parent, as the GEXF download is. A member without a
 * value for a key (a programme has no organisationKind) has no data element for it, which all three read as missing.
 * Text must already be plain (no characters XML forbids): network-export.ts makes it so.
 */
export function writeGraphml(network: Network): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...NODE_KEYS.map((k) => `  <key id="${k.id}" for="node" attr.name="${k.name}" attr.type="${k.type}"/>`),
    ...EDGE_KEYS.map((k) => `  <key id="${k.id}" for="edge" attr.name="${k.name}" attr.type="${k.type}"/>`),
    '  <graph id="partnership-network" edgedefault="directed">',
  ];
  for (const n of network.nodes)
    lines.push(
      `    <node id="${xmlText(n.id)}">${data('label', n.name)}${data('key', n.key)}${data('type', n.type)}${data('organisationKind', n.organisationKind)}${data('demo', n.demo)}</node>`,
    );
  network.edges.forEach((e, i) => {
    lines.push(
      `    <edge id="e${i}" source="${xmlText(e.source)}" target="${xmlText(e.target)}">${data('relationship', e.type)}${data('role', e.role)}</edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
