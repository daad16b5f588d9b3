// Graph node ids are paths, so the same state name in two Parallel branches (or a branch and the top
// level) never collides: `Fan out/branch-1/Summarise`, `Process items/items/Label item`.
// The graph and the history attribution both build ids here, so they always agree.

/** Escape `/` and `%` so a state called "a/b" cannot be mistaken for a nested path. */
function escapeSegment(name: string): string {
  return name.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/** Id of a top-level state. */
function rootStateId(name: string): string {
  return escapeSegment(name);
}

/** Id of a state inside branch `branchIndex` of the Parallel with id `parallelId`. */
function branchStateId(parallelId: string, branchIndex: number, name: string): string {
  return `${parallelId}/branch-${branchIndex}/${escapeSegment(name)}`;
}

/** Id of a state inside the item processor (iterator) of the Map with id `mapId`. */
function mapItemStateId(mapId: string, name: string): string {
  return `${mapId}/items/${escapeSegment(name)}`;
}

/** Id of a nested state given its container (undefined at top level) and, for Parallel, the branch. */
export function nestedStateId(parentId: string | undefined, branchIndex: number | undefined, name: string): string {
  if (parentId === undefined) return rootStateId(name);
  return branchIndex === undefined ? mapItemStateId(parentId, name) : branchStateId(parentId, branchIndex, name);
}
