// A partnership network as large as communities take (near the 2,000-member bound), whose partition takes a while.
import type { Network, NetworkEdge, NetworkNode } from '../../../../server/database/network.js';

/** `organisations` organisations each in three of `programmes` programmes, spread by a fixed rule: the same every time. */
export function heavyNetwork(organisations = 1_900, programmes = 90): Network {
  const nodes: NetworkNode[] = [];
  const edges: NetworkEdge[] = [];
  for (let p = 0; p < programmes; p++)
    nodes.push({ id: `p${p}`, key: `p${p}`, name: `Programme ${p}`, type: 'PROGRAMME', demo: false });
  for (let o = 0; o < organisations; o++) {
    nodes.push({ id: `o${o}`, key: `o${o}`, name: `Organisation ${o}`, type: 'ORGANISATION', demo: false });
    for (const p of new Set([o % programmes, (o * 7 + 3) % programmes, (o * 13 + 5) % programmes]))
      edges.push({ source: `o${o}`, target: `p${p}`, type: 'PARTNER_IN' });
  }
  return { nodes, edges };
}
