// The network drawn as a graph with sigma.js. This module and its libraries are loaded only when a reader asks
// for the graph, so pages showing the table alone never download them.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import type { Net } from '../../contract/queries/network.js';

export interface GraphColours {
  programme: string;
  organisation: string;
  edge: string;
  highlight: string;
  label: string;
}

export interface GraphView {
  /** Highlights one member (the keyboard's position), or none. */
  highlight(id: string | null): void;
  destroy(): void;
}

/** Draws `network` into `container` and calls `onChoose` when a member is clicked. Throws when WebGL is unavailable. */
export function drawGraph(
  container: HTMLElement,
  network: Net,
  colours: GraphColours,
  onChoose: (id: string) => void,
): GraphView {
  const graph = new Graph({ type: 'undirected', multi: false });
  const count = network.nodes.length;
  // Start on a circle, in a fixed order, so the same network is always laid out the same way.
  network.nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, count);
    graph.addNode(node.id, {
      x: Math.cos(angle),
      y: Math.sin(angle),
      label: node.name,
      size: node.type === 'PROGRAMME' ? 9 : 5,
      color: node.type === 'PROGRAMME' ? colours.programme : colours.organisation,
    });
  });
  for (const edge of network.edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target) && !graph.hasEdge(edge.source, edge.target)) {
      graph.addEdge(edge.source, edge.target, { color: colours.edge, size: edge.type === 'PROGRAMME_PART_OF' ? 2 : 1 });
    }
  }
  if (count > 1)
    forceAtlas2.assign(graph, {
      iterations: 150,
      settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: count > 500 },
    });

  let highlighted: string | null = null;
  const renderer = new Sigma(graph, container, {
    labelColor: { color: colours.label },
    labelRenderedSizeThreshold: 4,
    nodeReducer: (node, data) =>
      node === highlighted
        ? { ...data, color: colours.highlight, size: data.size * 1.6, forceLabel: true, zIndex: 1 }
        : data,
    edgeReducer: (edge, data) =>
      highlighted && graph.hasExtremity(edge, highlighted) ? { ...data, color: colours.highlight, size: 2 } : data,
  });
  renderer.on('clickNode', ({ node }) => onChoose(node));
  return {
    highlight(id) {
      highlighted = id;
      renderer.refresh();
    },
    destroy: () => renderer.kill(),
  };
}
