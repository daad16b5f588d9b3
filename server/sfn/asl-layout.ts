import 'server-only';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkLabel, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { AslGraph } from '@/lib/sfn/asl-graph';
import { END_MARKER_ID, START_MARKER_ID, type GraphLayout, type LayoutEdge, type LayoutNode, type LayoutPoint } from '@/lib/sfn/layout-types';

// Positions for @xyflow/react: positions are relative to the parent node and parents come before
// their children in `nodes`, which is what xyflow requires for sub-flows.

export interface LayoutElk {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/** Above this many states, Catch edges are drawn as overlays unless asked otherwise (see routeCatchEdges). */
const CATCH_ROUTING_STATE_LIMIT = 120;

const STATE_HEIGHT = 40;
const MARKER_SIZE = { width: 64, height: 28 };
const CONTAINER_PADDING = '[top=44,left=20,bottom=20,right=20]';
// Rough glyph widths for a 12-13px UI font; ELK only needs a box that is not too small.
const CHAR_WIDTH = 7;
const LABEL_CHAR_WIDTH = 6;
const LABEL_HEIGHT = 16;
const MAX_LABEL_CHARS = 48;

const ROOT_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '32',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.inline': 'false',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // Nodes arrive in definition order, which is roughly execution order: reversing the edges that go
  // back in that order draws loops as back edges and keeps the main flow top to bottom (the default
  // greedy cycle breaker reverses arbitrary edges and turns a 200-state machine sideways).
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
};

const CONTAINER_OPTIONS: LayoutOptions = { ...ROOT_OPTIONS, 'elk.padding': CONTAINER_PADDING };

let sharedElk: LayoutElk | undefined;

function defaultElk(): LayoutElk {
  // One instance for the page/process: ELK's compiled code gets fast only after the first layouts (JIT).
  sharedElk ??= new ELK();
  return sharedElk;
}

function stateWidth(name: string): number {
  return Math.min(280, Math.max(120, name.length * CHAR_WIDTH + 40));
}

function labelFor(text: string | undefined): ElkLabel[] | undefined {
  if (!text) return undefined;
  const chars = Math.min(text.length, MAX_LABEL_CHARS);
  return [{ text, width: chars * LABEL_CHAR_WIDTH + 8, height: LABEL_HEIGHT }];
}

interface ElkBuild {
  root: ElkNode;
  /** Container each edge was placed in: its route is relative to that container. */
  edgeScope: Map<string, string | undefined>;
}

function toElkGraph(graph: AslGraph, withMarkers: boolean, routeCatchEdges: boolean): ElkBuild {
  const root: ElkNode = { id: '__root__', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  const elkNodeById = new Map<string, ElkNode>();
  const edgeScope = new Map<string, string | undefined>();
  const childrenOf = (parentId: string | undefined): ElkNode => (parentId === undefined ? root : (elkNodeById.get(parentId) ?? root));

  for (const node of graph.nodes) {
    const isContainer = node.type === 'Parallel' || node.type === 'Map';
    const size = { width: stateWidth(node.name), height: STATE_HEIGHT };
    const elkNode: ElkNode = isContainer ? { id: node.id, layoutOptions: CONTAINER_OPTIONS, children: [], edges: [], ...size } : { id: node.id, ...size };
    elkNodeById.set(node.id, elkNode);
  }
  // Attach in a second pass so the graph's node order does not matter.
  for (const node of graph.nodes) childrenOf(node.parentId).children!.push(elkNodeById.get(node.id)!);

  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  for (const edge of graph.edges) {
    if (edge.kind === 'catch' && !routeCatchEdges) continue;
    // Every ASL transition stays inside one scope, so the edge lives in its source's container.
    const scope = parentOf.get(edge.source);
    const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [edge.source], targets: [edge.target] };
    const labels = labelFor(edge.label);
    if (labels) elkEdge.labels = labels;
    childrenOf(scope).edges!.push(elkEdge);
    edgeScope.set(edge.id, scope);
  }

  if (withMarkers) {
    root.children!.unshift({ id: START_MARKER_ID, ...MARKER_SIZE });
    root.children!.push({ id: END_MARKER_ID, ...MARKER_SIZE });
    // A StartAt naming no state is reported in graph.problems; ELK would reject an edge to nowhere.
    if (elkNodeById.has(graph.startId)) {
      root.edges!.push({
        id: `${START_MARKER_ID}->${graph.startId}`,
        sources: [START_MARKER_ID],
        targets: [graph.startId],
      });
    }
    for (const node of graph.nodes) {
      if (node.parentId === undefined && node.isEnd) {
        root.edges!.push({ id: `${node.id}->${END_MARKER_ID}`, sources: [node.id], targets: [END_MARKER_ID] });
      }
    }
  }
  return { root, edgeScope };
}

export interface LayoutAslGraphOptions {
  /** Draw Start/End markers around the top level, like the console (default true). */
  markers?: boolean;
  /** An ELK instance to use instead of the shared in-thread one (e.g. one backed by a web worker). */
  elk?: LayoutElk;
  /**
   * Let ELK place and route Catch edges. Catches from many states into one shared handler span most
   * layers, and their dummy nodes roughly double layout time on big machines; with false they are left
   * out of the layout and returned with no points, for the UI to draw as overlays.
   * Default: true up to CATCH_ROUTING_STATE_LIMIT states.
   */
  routeCatchEdges?: boolean;
}

/** Lay out an ASL graph top-down with ELK (compound nodes for Parallel/Map) into @xyflow/react positions. */
export async function layoutAslGraph(graph: AslGraph, options: LayoutAslGraphOptions = {}): Promise<GraphLayout> {
  const withMarkers = options.markers ?? true;
  const routeCatchEdges = options.routeCatchEdges ?? graph.nodes.length <= CATCH_ROUTING_STATE_LIMIT;
  const { root, edgeScope } = toElkGraph(graph, withMarkers, routeCatchEdges);
  const laidOut = await (options.elk ?? defaultElk()).layout(root);

  const stateById = new Map(graph.nodes.map((n) => [n.id, n]));
  const absolute = new Map<string | undefined, LayoutPoint>([[undefined, { x: 0, y: 0 }]]);
  const nodes: LayoutNode[] = [];

  const visit = (elkNode: ElkNode, parentId: string | undefined) => {
    const offset = absolute.get(parentId) ?? { x: 0, y: 0 };
    const position = { x: elkNode.x ?? 0, y: elkNode.y ?? 0 };
    absolute.set(elkNode.id, { x: offset.x + position.x, y: offset.y + position.y });
    const state = stateById.get(elkNode.id);
    const marker = elkNode.id === START_MARKER_ID ? 'start' : elkNode.id === END_MARKER_ID ? 'end' : undefined;
    const layoutNode: LayoutNode = {
      id: elkNode.id,
      type: marker ? 'marker' : state?.type === 'Parallel' || state?.type === 'Map' ? 'container' : 'state',
      position,
      width: elkNode.width ?? 0,
      height: elkNode.height ?? 0,
      data: marker ? { marker } : { state },
    };
    if (parentId !== undefined) layoutNode.parentId = parentId;
    nodes.push(layoutNode);
    for (const child of elkNode.children ?? []) visit(child, elkNode.id);
  };
  for (const child of laidOut.children ?? []) visit(child, undefined);

  const graphEdgeById = new Map(graph.edges.map((e) => [e.id, e]));
  const edges: LayoutEdge[] = [];
  const collectEdges = (elkNode: ElkNode, scopeId: string | undefined) => {
    for (const elkEdge of elkNode.edges ?? []) {
      const offset = absolute.get(edgeScope.has(elkEdge.id) ? edgeScope.get(elkEdge.id) : scopeId) ?? { x: 0, y: 0 };
      const shift = (p: LayoutPoint) => ({ x: p.x + offset.x, y: p.y + offset.y });
      const section = elkEdge.sections?.[0];
      const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(shift) : [];
      const source = graphEdgeById.get(elkEdge.id);
      const edge: LayoutEdge = {
        id: elkEdge.id,
        source: elkEdge.sources[0] ?? '',
        target: elkEdge.targets[0] ?? '',
        kind: source?.kind ?? 'next',
        points,
      };
      if (source?.label !== undefined) edge.label = source.label;
      const label = elkEdge.labels?.[0];
      if (label?.x !== undefined && label.y !== undefined) edge.labelPosition = shift({ x: label.x, y: label.y });
      edges.push(edge);
    }
    for (const child of elkNode.children ?? []) collectEdges(child, child.id);
  };
  collectEdges(laidOut, undefined);
  if (!routeCatchEdges) {
    for (const edge of graph.edges) {
      if (edge.kind !== 'catch') continue;
      const overlay: LayoutEdge = {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        kind: edge.kind,
        points: [],
      };
      if (edge.label !== undefined) overlay.label = edge.label;
      edges.push(overlay);
    }
  }

  return { nodes, edges, width: laidOut.width ?? 0, height: laidOut.height ?? 0 };
}
