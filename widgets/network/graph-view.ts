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
      graph.addEdge(edge.source, edge.target, {
        color: colours.edge,
        size: edge.type === 'PROGRAMME_PART_OF' ? 2 : 1,
        inferred: edge.inferred,
      });
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
    // An inferred partnership is left to the dashed layer below: sigma's WebGL edges are solid only.
    edgeReducer: (edge, data) =>
      graph.getEdgeAttribute(edge, 'inferred')
        ? { ...data, hidden: true }
        : highlighted && graph.hasExtremity(edge, highlighted)
          ? { ...data, color: colours.highlight, size: 2 }
          : data,
  });
  drawInferredDashed(renderer, graph, colours, () => highlighted);
  renderer.on('clickNode', ({ node }) => onChoose(node));
  return {
    highlight(id) {
      highlighted = id;
      renderer.refresh();
    },
    destroy: () => renderer.kill(),
  };
}

/**
 * Inferred partnerships drawn dashed on a canvas of their own between the edges and the nodes, so that they differ
 * from stated ones by their line, not by colour alone. The canvas lets pointer events through to sigma's own layers.
 */
function drawInferredDashed(
  renderer: Sigma,
  graph: Graph,
  colours: GraphColours,
  highlighted: () => string | null,
): void {
  const inferred = graph.filterEdges((_edge, attributes) => attributes.inferred === true);
  if (inferred.length === 0) return;
  const canvas = renderer.createCanvas('inferred', { afterLayer: 'edges', style: { pointerEvents: 'none' } });
  const context = canvas.getContext('2d');
  if (!context) return;
  const draw = () => {
    const { width, height } = renderer.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    // Sigma sizes the element itself only when it resizes, so a layer created afterwards is sized here.
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.setLineDash([6, 4]);
    const focus = highlighted();
    for (const edge of inferred) {
      const [source, target] = graph.extremities(edge);
      const from = renderer.getNodeDisplayData(source);
      const to = renderer.getNodeDisplayData(target);
      if (!from || !to) continue;
      const a = renderer.framedGraphToViewport(from);
      const b = renderer.framedGraphToViewport(to);
      const lit = focus !== null && (source === focus || target === focus);
      context.strokeStyle = lit ? colours.highlight : colours.edge;
      context.lineWidth = lit ? 2 : 1.5;
      context.beginPath();
      context.moveTo(a.x, a.y);
      context.lineTo(b.x, b.y);
      context.stroke();
    }
  };
  renderer.on('afterRender', draw);
  draw();
}
