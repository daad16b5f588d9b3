// Where the execution graph opens: the whole graph when it fits at a readable zoom, otherwise its top
// at a readable zoom and the rest a scroll away (a 200-state machine fitted whole is unreadable).

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Below this zoom state names are too small to read (12px text at 0.6 is about 7px). */
export const READABLE_ZOOM = 0.6;
const MAX_ZOOM = 1.1;
/** A tall graph opens at most this close: enough to read, far enough to see a stretch of it. */
const TALL_GRAPH_ZOOM = 0.85;
const MARGIN = 16;

/** The opening viewport for a graph of `graph` size on a canvas of `canvas` size. */
export function readableViewport(graph: { width: number; height: number }, canvas: { width: number; height: number }): Viewport {
  const width = Math.max(1, graph.width);
  const height = Math.max(1, graph.height);
  const room = { width: Math.max(1, canvas.width - 2 * MARGIN), height: Math.max(1, canvas.height - 2 * MARGIN) };
  const fitWidth = room.width / width;
  const fitAll = Math.min(fitWidth, room.height / height, MAX_ZOOM);
  if (fitAll >= READABLE_ZOOM) {
    // Centred both ways.
    return { zoom: fitAll, x: (canvas.width - width * fitAll) / 2, y: (canvas.height - height * fitAll) / 2 };
  }
  // Too tall: as wide as the canvas allows (but readable), centred horizontally, from the top.
  const zoom = Math.min(TALL_GRAPH_ZOOM, Math.max(READABLE_ZOOM, fitWidth));
  return { zoom, x: (canvas.width - width * zoom) / 2, y: MARGIN };
}
