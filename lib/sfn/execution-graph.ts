import type { AslEdgeKind, AslGraph } from './asl-graph';
import type { ExecutionGraphDto, ExecutionGraphNodeDto } from './dto';
import type { ExecutionStatus, ExecutionView, StateStatus, StateVisit } from './history-types';
import { END_MARKER_ID, START_MARKER_ID, type GraphLayout } from './layout-types';

// The graph the execution page draws: the laid-out definition with each state's status and the edges
// this execution went along, so the path taken reads at a glance.

interface EdgeLike {
  id: string;
  source: string;
  target: string;
  kind: AslEdgeKind;
}

/** Visits that ran one after the other in the same scope: the top level, one branch, one Map iteration. */
function scopeKey(visit: StateVisit): string {
  return `${visit.parentVisitId ?? ''}|${visit.branchIndex ?? ''}|${visit.iterationIndex ?? ''}`;
}

function endMarkerStatus(status: ExecutionStatus): StateStatus {
  if (status === 'SUCCEEDED') return 'succeeded';
  if (status === 'FAILED' || status === 'TIMED_OUT') return 'failed';
  if (status === 'ABORTED') return 'cancelled';
  return 'notRun';
}

/** Ids of the edges an execution went along (transitions between consecutive visits, plus Start/End). */
export function takenEdgeIds(edges: readonly EdgeLike[], view: Pick<ExecutionView, 'visits' | 'status'>): Set<string> {
  const byEnds = new Map<string, EdgeLike[]>();
  for (const edge of edges) {
    const key = `${edge.source}\u0001${edge.target}`;
    byEnds.set(key, [...(byEnds.get(key) ?? []), edge]);
  }
  const taken = new Set<string>();
  const mark = (from: StateVisit | undefined, source: string, target: string) => {
    const candidates = byEnds.get(`${source}\u0001${target}`) ?? [];
    // A state that caught an error left through its Catch; otherwise through Next/Choice/Default.
    const wantsCatch = from?.status === 'caughtError';
    const preferred = candidates.filter((e) => (e.kind === 'catch') === wantsCatch);
    for (const edge of preferred.length ? preferred : candidates) taken.add(edge.id);
  };

  const lastInScope = new Map<string, StateVisit>();
  let firstTopLevel: StateVisit | undefined;
  let lastTopLevel: StateVisit | undefined;
  for (const visit of view.visits) {
    const key = scopeKey(visit);
    const previous = lastInScope.get(key);
    if (previous) mark(previous, previous.nodeId, visit.nodeId);
    lastInScope.set(key, visit);
    if (visit.parentVisitId === undefined) {
      firstTopLevel ??= visit;
      lastTopLevel = visit;
    }
  }
  if (firstTopLevel) mark(undefined, START_MARKER_ID, firstTopLevel.nodeId);
  const endedThere = lastTopLevel && (view.status === 'SUCCEEDED' ? lastTopLevel.exitedAt !== undefined : lastTopLevel.type === 'Fail');
  if (lastTopLevel && endedThere) mark(lastTopLevel, lastTopLevel.nodeId, END_MARKER_ID);
  return taken;
}

/** Merge the cached layout with one execution's statuses into the graph DTO. */
export function buildExecutionGraph(graph: AslGraph, layout: GraphLayout, view: ExecutionView): ExecutionGraphDto {
  const taken = takenEdgeIds(layout.edges, view);
  const anyVisit = view.visits.length > 0;
  const nodes = layout.nodes.map((node): ExecutionGraphNodeDto => {
    const base = { id: node.id, position: node.position, width: node.width, height: node.height, ...(node.parentId ? { parentId: node.parentId } : {}) };
    if (node.type === 'marker') {
      const isStartMarker = node.data.marker === 'start';
      return {
        ...base,
        kind: 'marker',
        type: isStartMarker ? 'Start' : 'End',
        name: isStartMarker ? 'Start' : 'End',
        status: isStartMarker ? (anyVisit ? 'succeeded' : 'notRun') : endMarkerStatus(view.status),
        visitCount: 0,
        isStart: isStartMarker,
        isEnd: !isStartMarker,
      };
    }
    const state = node.data.state;
    const summary = view.states[node.id];
    const dto: ExecutionGraphNodeDto = {
      ...base,
      kind: node.type,
      type: state?.type ?? 'Unknown',
      name: state?.name ?? node.id,
      status: summary?.status ?? 'notRun',
      visitCount: summary?.visits.length ?? 0,
      isStart: state?.isStart ?? false,
      isEnd: state?.isEnd ?? false,
    };
    if (state?.resource) dto.resource = state.resource;
    if (state?.comment) dto.comment = state.comment;
    if (state?.mapMode) dto.mapMode = state.mapMode;
    return dto;
  });
  const edges = layout.edges.map((edge) => ({ ...edge, taken: taken.has(edge.id) }));
  return { nodes, edges, width: layout.width, height: layout.height, problems: graph.problems };
}

/** A definition with no execution: every state not run, no edge taken (the state machine page's graph). */
export function buildDefinitionGraph(graph: AslGraph, layout: GraphLayout): ExecutionGraphDto {
  return buildExecutionGraph(graph, layout, { status: 'RUNNING', states: {}, visits: [], timeline: [] });
}

/** Absolute top-left corner of every node (positions of sub-flow nodes are relative to their parent). */
export function absoluteNodePositions(nodes: readonly Pick<ExecutionGraphNodeDto, 'id' | 'parentId' | 'position'>[]): Map<string, { x: number; y: number }> {
  const absolute = new Map<string, { x: number; y: number }>();
  // Parents come before their children (xyflow needs that order too), so one pass is enough.
  for (const node of nodes) {
    const parent = node.parentId ? absolute.get(node.parentId) : undefined;
    absolute.set(node.id, { x: (parent?.x ?? 0) + node.position.x, y: (parent?.y ?? 0) + node.position.y });
  }
  return absolute;
}
