import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

// Layered (Sugiyama) layout with compound nodes, shared by every diagram in the portal.

export type LayoutNode = { id: string; width: number; height: number; parentId?: string };
export type LayoutEdge = { id: string; source: string; target: string };
export type PlacedNode = { id: string; x: number; y: number; width: number; height: number; parentId?: string };

export type LayoutOptions = { direction?: 'DOWN' | 'RIGHT'; nodeSpacing?: number; layerSpacing?: number; padding?: number };

let elk: InstanceType<typeof ELK> | undefined;

/** Lays out nodes (children positioned relative to their parent, as React Flow expects). */
export async function layoutGraph(nodes: LayoutNode[], edges: LayoutEdge[], options: LayoutOptions = {}): Promise<PlacedNode[]> {
  elk ??= new ELK();
  const { direction = 'DOWN', nodeSpacing = 30, layerSpacing = 50, padding = 24 } = options;
  const layoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.spacing.nodeNode': String(nodeSpacing),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(layerSpacing),
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  };
  const byId = new Map<string, ElkNode>();
  for (const n of nodes) byId.set(n.id, { id: n.id, width: n.width, height: n.height, children: [] });
  const roots: ElkNode[] = [];
  for (const n of nodes) {
    const elkNode = byId.get(n.id)!;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) {
      parent.children!.push(elkNode);
      // Containers size themselves around their children.
      delete parent.width;
      delete parent.height;
      parent.layoutOptions = { 'elk.padding': `[top=${padding + 16},left=${padding},bottom=${padding},right=${padding}]` };
    } else roots.push(elkNode);
  }
  const known = new Set(byId.keys());
  const elkEdges: ElkExtendedEdge[] = edges
    .filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target)
    .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  const laidOut = await elk.layout({ id: 'root', layoutOptions, children: roots, edges: elkEdges });
  const placed: PlacedNode[] = [];
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  const visit = (children: ElkNode[] | undefined) => {
    for (const c of children ?? []) {
      placed.push({ id: c.id, x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0, parentId: parentOf.get(c.id) });
      visit(c.children);
    }
  };
  visit(laidOut.children);
  return placed;
}
