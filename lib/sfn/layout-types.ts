import type { AslEdgeKind, AslGraphNode } from './asl-graph';

// What the server's ELK layout (server/sfn/asl-layout.ts) produces, without ELK itself: ELK must stay
// out of the browser bundle, so the browser imports the shapes and marker ids from here.

/** Ids of the Start/End marker nodes the layout adds around the top level. */
export const START_MARKER_ID = '__start__';
export const END_MARKER_ID = '__end__';

export type LayoutNodeType = 'state' | 'container' | 'marker';

export interface LayoutNode {
  id: string;
  type: LayoutNodeType;
  /** Relative to `parentId`'s top-left corner (absolute for top-level nodes). */
  position: { x: number; y: number };
  width: number;
  height: number;
  parentId?: string;
  data: { state?: AslGraphNode; marker?: 'start' | 'end' };
}

export interface LayoutPoint {
  x: number;
  y: number;
}

export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
  kind: AslEdgeKind;
  label?: string;
  /** Route in absolute coordinates (start, bends, end), for an edge component that follows ELK. */
  points: LayoutPoint[];
  /** Absolute top-left of the label box ELK reserved. */
  labelPosition?: LayoutPoint;
}

export interface GraphLayout {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  width: number;
  height: number;
}
