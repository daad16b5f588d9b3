import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api';

/**
 * Layout of an architecture diagram with ELK: layered, compound nodes for service groups and nested
 * stacks, and orthogonal edge routes. Every edge gets a port of its own on its source's outgoing side
 * and one on its target's incoming side, so the route visibly starts at the resource it comes from
 * (two edges leaving one queue never share a line that could seem to start at a neighbour).
 */

export type LayoutDirection = 'RIGHT' | 'DOWN';

export interface ArchitectureLayoutNode {
  id: string;
  /** Leaves need a size; containers size themselves around their children. */
  width?: number;
  height?: number;
  parentId?: string;
}

export interface ArchitectureLayoutEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
}

export interface Point {
  x: number;
  y: number;
}

export interface PlacedArchitectureNode {
  id: string;
  /** Relative to the parent's top-left corner (absolute for top-level nodes), as React Flow wants. */
  x: number;
  y: number;
  width: number;
  height: number;
  parentId?: string;
}

export interface RoutedEdge {
  id: string;
  source: string;
  target: string;
  /** Absolute route: start (on the source's border), bends, end (on the target's border). */
  points: Point[];
  label?: string;
  /** Absolute top-left of the box ELK reserved for the label. */
  labelPosition?: Point;
}

export interface ArchitectureLayout {
  direction: LayoutDirection;
  nodes: PlacedArchitectureNode[];
  edges: RoutedEdge[];
  width: number;
  height: number;
}

const CONTAINER_PADDING = '[top=40,left=16,bottom=16,right=16]';
const LABEL_CHAR_WIDTH = 6;
const LABEL_HEIGHT = 14;

// Ports sit on the side the flow leaves or enters by, so routes start and end where they read.
const OUT_SIDE: Record<LayoutDirection, string> = { RIGHT: 'EAST', DOWN: 'SOUTH' };
const IN_SIDE: Record<LayoutDirection, string> = { RIGHT: 'WEST', DOWN: 'NORTH' };

let sharedElk: InstanceType<typeof ELK> | undefined;

/** The box ELK keeps free for an edge label (rough glyph widths of the 10 px label font). */
export function edgeLabelSize(text: string): { width: number; height: number } {
  return { width: text.length * LABEL_CHAR_WIDTH + 8, height: LABEL_HEIGHT };
}

/** Lays out `nodes` and routes `edges` (edges to unknown nodes and self-loops are left out). */
export async function layoutArchitecture(
  nodes: readonly ArchitectureLayoutNode[],
  edges: readonly ArchitectureLayoutEdge[],
  direction: LayoutDirection = 'RIGHT',
): Promise<ArchitectureLayout> {
  sharedElk ??= new ELK();
  const rootOptions: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.edgeRouting': 'ORTHOGONAL',
    // Edge routes (and their labels) in the root's coordinates, whatever container they cross.
    'elk.json.edgeCoords': 'ROOT',
    'elk.spacing.nodeNode': '28',
    'elk.layered.spacing.nodeNodeBetweenLayers': '56',
    'elk.spacing.edgeNode': '14',
    'elk.spacing.edgeEdge': '10',
    'elk.layered.spacing.edgeNodeBetweenLayers': '14',
    'elk.spacing.edgeLabel': '4',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    // The graph's order (the template's) breaks ties, so the same template always draws the same.
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.padding': '[top=12,left=12,bottom=12,right=12]',
  };

  const byId = new Map<string, ElkNode>();
  for (const node of nodes) {
    byId.set(node.id, {
      id: node.id,
      // Port sides are fixed on resources only: fixing them on the frames too makes ELK stitch routes
      // that cross a frame from pieces in different coordinates (diagonal jumps).
      ...(node.width === undefined ? {} : { width: node.width, height: node.height ?? 0, layoutOptions: { 'elk.portConstraints': 'FIXED_SIDE' } }),
      children: [],
      ports: [],
    });
  }
  const roots: ElkNode[] = [];
  for (const node of nodes) {
    const elkNode = byId.get(node.id)!;
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) {
      parent.children!.push(elkNode);
      delete parent.width;
      delete parent.height;
      parent.layoutOptions = { 'elk.padding': CONTAINER_PADDING };
    } else roots.push(elkNode);
  }

  const port = (owner: ElkNode, id: string, side: string): string => {
    const elkPort: ElkPort = { id, width: 1, height: 1, layoutOptions: { 'elk.port.side': side } };
    owner.ports!.push(elkPort);
    return id;
  };
  const routed = edges.filter((edge) => byId.has(edge.source) && byId.has(edge.target) && edge.source !== edge.target);
  const elkEdges: ElkExtendedEdge[] = routed.map((edge) => ({
    id: edge.id,
    sources: [port(byId.get(edge.source)!, `${edge.id}::out`, OUT_SIDE[direction])],
    targets: [port(byId.get(edge.target)!, `${edge.id}::in`, IN_SIDE[direction])],
    ...(edge.label ? { labels: [{ text: edge.label, ...edgeLabelSize(edge.label) }] } : {}),
  }));

  const graph: ElkNode = { id: '__root__', layoutOptions: rootOptions, children: roots, edges: elkEdges };
  const laidOut: ElkNode = await sharedElk.layout(graph);

  const placed: PlacedArchitectureNode[] = [];
  const parentOf = new Map(nodes.map((node) => [node.id, node.parentId]));
  const visit = (children: ElkNode[] | undefined) => {
    for (const child of children ?? []) {
      const parentId = parentOf.get(child.id);
      placed.push({
        id: child.id,
        x: child.x ?? 0,
        y: child.y ?? 0,
        width: child.width ?? 0,
        height: child.height ?? 0,
        ...(parentId ? { parentId } : {}),
      });
      visit(child.children);
    }
  };
  visit(laidOut.children);

  const byEdgeId = new Map(routed.map((edge) => [edge.id, edge]));
  const routes: RoutedEdge[] = (laidOut.edges ?? []).map((elkEdge) => {
    const edge = byEdgeId.get(elkEdge.id)!;
    const section = elkEdge.sections?.[0];
    const label = elkEdge.labels?.[0];
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      points: section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(({ x, y }) => ({ x, y })) : [],
      ...(edge.label ? { label: edge.label } : {}),
      ...(label?.x !== undefined && label.y !== undefined ? { labelPosition: { x: label.x, y: label.y } } : {}),
    };
  });
  return { direction, nodes: placed, edges: routes, width: laidOut.width ?? 0, height: laidOut.height ?? 0 };
}

/**
 * How much a layout must shrink to fit a frame `frameWidth` wide and at most `maxHeight` high (1 = no
 * shrinking: diagrams are never drawn larger than life).
 */
export function fitScale(layout: Pick<ArchitectureLayout, 'width' | 'height'>, frameWidth: number, maxHeight: number): number {
  if (layout.width <= 0 || layout.height <= 0) return 1;
  return Math.min(1, frameWidth / layout.width, maxHeight / layout.height);
}

/** The layout of the two directions that can be drawn largest in the frame (left to right on a tie). */
export function pickLayout(layouts: readonly ArchitectureLayout[], frameWidth: number, maxHeight: number): ArchitectureLayout {
  let best = layouts[0]!;
  for (const layout of layouts.slice(1)) {
    if (fitScale(layout, frameWidth, maxHeight) > fitScale(best, frameWidth, maxHeight) + 0.01) best = layout;
  }
  return best;
}
