import type { ExecutionView, StateStatus, StateSummary } from './history-types';

// Side-by-side comparison of two executions of the same state machine: which states only one of them
// visited, how often each ran, and where time went differently.

export interface StateComparison {
  nodeId: string;
  name: string;
  statusA: StateStatus;
  statusB: StateStatus;
  visitsA: number;
  visitsB: number;
  /** Sum of finished visit durations (ms); Map/Parallel iterations overlap, so this is work, not wall time. */
  totalMsA: number;
  totalMsB: number;
  meanMsA?: number;
  meanMsB?: number;
  /** totalMsB - totalMsA. */
  deltaMs: number;
  /** Relative change of the total, B vs A (0.5 = 50% slower); undefined when A took no time. */
  deltaRatio?: number;
  presence: 'both' | 'onlyA' | 'onlyB' | 'neither';
}

export interface PathDivergence {
  /** Position in the top-level path where the two executions first went different ways. */
  index: number;
  a?: string;
  b?: string;
}

export interface ExecutionComparison {
  states: StateComparison[];
  onlyInA: string[];
  onlyInB: string[];
  /** States both ran, but a different number of times (loops, retried branches, Map sizes). */
  visitCountChanged: string[];
  /** Top-level states in entry order; nested ones are left out since branches/iterations interleave. */
  pathA: string[];
  pathB: string[];
  firstDivergence?: PathDivergence;
  durationMsA?: number;
  durationMsB?: number;
}

function totals(summary: StateSummary | undefined): { count: number; total: number; mean?: number } {
  const finished = (summary?.visits ?? []).filter((v) => v.durationMs !== undefined);
  const total = finished.reduce((sum, v) => sum + (v.durationMs ?? 0), 0);
  return { count: summary?.visits.length ?? 0, total, mean: finished.length ? total / finished.length : undefined };
}

function topLevelPath(view: ExecutionView): string[] {
  return view.visits.filter((v) => v.parentVisitId === undefined).map((v) => v.nodeId);
}

function executionDuration(view: ExecutionView): number | undefined {
  if (!view.startedAt || !view.stoppedAt) return undefined;
  return Date.parse(view.stoppedAt) - Date.parse(view.startedAt);
}

/** Compare two executions' paths (states visited, visit counts, divergence) and per-state durations. */
export function compareExecutions(a: ExecutionView, b: ExecutionView): ExecutionComparison {
  const nodeIds = [...new Set([...Object.keys(a.states), ...Object.keys(b.states)])];
  const states: StateComparison[] = nodeIds.map((nodeId) => {
    const sa = a.states[nodeId];
    const sb = b.states[nodeId];
    const ta = totals(sa);
    const tb = totals(sb);
    const presence = ta.count && tb.count ? 'both' : ta.count ? 'onlyA' : tb.count ? 'onlyB' : 'neither';
    const row: StateComparison = {
      nodeId,
      name: sa?.name ?? sb?.name ?? nodeId,
      statusA: sa?.status ?? 'notRun',
      statusB: sb?.status ?? 'notRun',
      visitsA: ta.count,
      visitsB: tb.count,
      totalMsA: ta.total,
      totalMsB: tb.total,
      deltaMs: tb.total - ta.total,
      presence,
    };
    if (ta.mean !== undefined) row.meanMsA = ta.mean;
    if (tb.mean !== undefined) row.meanMsB = tb.mean;
    if (ta.total > 0) row.deltaRatio = (tb.total - ta.total) / ta.total;
    return row;
  });

  const pathA = topLevelPath(a);
  const pathB = topLevelPath(b);
  const comparison: ExecutionComparison = {
    states,
    onlyInA: states.filter((s) => s.presence === 'onlyA').map((s) => s.nodeId),
    onlyInB: states.filter((s) => s.presence === 'onlyB').map((s) => s.nodeId),
    visitCountChanged: states.filter((s) => s.presence === 'both' && s.visitsA !== s.visitsB).map((s) => s.nodeId),
    pathA,
    pathB,
  };
  const length = Math.max(pathA.length, pathB.length);
  for (let i = 0; i < length; i++) {
    if (pathA[i] !== pathB[i]) {
      const divergence: PathDivergence = { index: i };
      if (pathA[i] !== undefined) divergence.a = pathA[i];
      if (pathB[i] !== undefined) divergence.b = pathB[i];
      comparison.firstDivergence = divergence;
      break;
    }
  }
  const durationA = executionDuration(a);
  const durationB = executionDuration(b);
  if (durationA !== undefined) comparison.durationMsA = durationA;
  if (durationB !== undefined) comparison.durationMsB = durationB;
  return comparison;
}
