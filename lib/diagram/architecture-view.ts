import type { ArchitectureGraphDto, GraphEdgeKind } from '@/lib/blueprints/types';

import type { ArchitectureLayoutEdge, ArchitectureLayoutNode } from './architecture-layout';
import { wrapLabel } from './wrap-label';

/**
 * What the architecture diagram lays out: one box per resource, sized for its whole name wrapped
 * between words, inside a frame per service (inside a frame per nested stack).
 */

const RESOURCE_NODE_WIDTH = 200;
/** About what fits in RESOURCE_NODE_WIDTH at the node's 12 px semibold font. */
const LABEL_CHARS_PER_LINE = 24;
const LINE_HEIGHT = 16;
// Vertical padding plus the type line under the name.
const NODE_CHROME_HEIGHT = 12 + 16;

export type DiagramNodeInfo =
  { kind: 'resource'; label: string; lines: string[]; type: string; service: string } | { kind: 'group'; label: string; service?: string };

export interface DiagramLayoutInput {
  nodes: ArchitectureLayoutNode[];
  edges: ArchitectureLayoutEdge[];
  info: Map<string, DiagramNodeInfo>;
}

/** Height of a resource box whose name takes `lines` lines. */
export function resourceNodeHeight(lines: number): number {
  return NODE_CHROME_HEIGHT + lines * LINE_HEIGHT;
}

/** The layout input for `graph` with the edges of `visibleKinds` (containment is drawn by the frames). */
export function buildDiagramLayoutInput(graph: ArchitectureGraphDto, visibleKinds: ReadonlySet<GraphEdgeKind>): DiagramLayoutInput {
  const stacks = new Set(graph.nodes.filter((node) => graph.nodes.some((child) => child.parent === node.id)).map((node) => node.id));
  const nodes: ArchitectureLayoutNode[] = [];
  const info = new Map<string, DiagramNodeInfo>();
  for (const node of graph.nodes) {
    if (!stacks.has(node.id)) continue;
    nodes.push({ id: node.id, parentId: node.parent });
    info.set(node.id, { kind: 'group', label: `nested stack ${node.label}` });
  }
  for (const node of graph.nodes) {
    if (stacks.has(node.id)) continue;
    const groupId = `group:${node.parent ?? ''}:${node.service}`;
    if (!info.has(groupId)) {
      nodes.push({ id: groupId, parentId: node.parent });
      info.set(groupId, { kind: 'group', label: node.service, service: node.service });
    }
    const lines = wrapLabel(node.label, LABEL_CHARS_PER_LINE);
    nodes.push({ id: node.id, width: RESOURCE_NODE_WIDTH, height: resourceNodeHeight(lines.length), parentId: groupId });
    info.set(node.id, { kind: 'resource', label: node.label, lines, type: node.type, service: node.service });
  }
  const edges = graph.edges
    .filter((edge) => edge.kind !== 'contains' && visibleKinds.has(edge.kind))
    .map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, ...(edge.label ? { label: edge.label } : {}) }));
  return { nodes, edges, info };
}
