import 'server-only';
import type { AslGraph } from '@/lib/sfn/asl-graph';
import type { ExecutionFacts, VisitRecord } from './history-attribution';
import type { ExecutionErrorBanner, ExecutionStatus, StateStatus, StateSummary, StateVisit } from '@/lib/sfn/history-types';

// Once every event is attributed: each visit's colour, the Parallel/Map raw results, the per-state
// summary and the execution's error banner.

/** Decide each visit's final status once the whole history (or what exists of it so far) is known. */
export function settleStatuses(visits: VisitRecord[], execution: ExecutionFacts): void {
  const onFailedChain = new Set<VisitRecord>();
  const failedAt = execution.status === 'FAILED' ? execution.failedAtVisit : undefined;
  if (failedAt) {
    // A Pass/Choice can fail the execution (States.Runtime) with no TaskFailed: the error only appears here.
    if (failedAt.open && !failedAt.pendingFailure && failedAt.dto.type !== 'Fail') {
      failedAt.pendingFailure = { ...execution.error, at: execution.stoppedAt ?? '' };
    }
    for (let v: VisitRecord | undefined = failedAt; v; v = v.parent) if (v.open) onFailedChain.add(v);
  }
  for (const visit of visits) {
    const failure = visit.pendingFailure;
    visit.dto.status = settledStatus(visit, execution.status, onFailedChain.has(visit));
    if (failure?.error !== undefined) visit.dto.error = failure.error;
    if (failure?.cause !== undefined) visit.dto.cause = failure.cause;
    if (visit.dto.type === 'Fail' && visit.dto.error === undefined && execution.status === 'FAILED') {
      if (execution.error.error !== undefined) visit.dto.error = execution.error.error;
      if (execution.error.cause !== undefined) visit.dto.cause = execution.error.cause;
    }
  }
  if (execution.status !== 'FAILED') return;
  // Children come after their parents, so walking backwards carries a failure up to every open ancestor.
  for (let i = visits.length - 1; i >= 0; i--) {
    const visit = visits[i]!;
    const parent = visit.parent;
    if (visit.dto.status === 'failed' && parent?.open && !parent.cancelled) parent.dto.status = 'failed';
  }
}

function settledStatus(visit: VisitRecord, executionStatus: ExecutionStatus, onFailedChain: boolean): StateVisit['status'] {
  if (visit.cancelled) return 'cancelled';
  if (!visit.open) return visit.pendingFailure ? 'caughtError' : 'succeeded';
  // A Fail state never exits; a branch/iteration that failed was given up by its container.
  if (visit.failedUncaught || visit.dto.type === 'Fail') return 'failed';
  // Still running; an open visit with a failure is in its retry back-off.
  if (executionStatus === 'RUNNING') return 'inProgress';
  if (executionStatus === 'FAILED' && (visit.pendingFailure || onFailedChain)) return 'failed';
  return 'cancelled';
}

/** Parallel/Map raw result = the outputs of their branches/iterations in order, when all of them finished. */
export function fillContainerResults(visits: VisitRecord[]): void {
  for (const visit of visits) {
    const outputs = visit.childOutputs;
    if (!outputs || visit.open || visit.dto.status === 'cancelled') continue;
    const expected = visit.dto.type === 'Map' ? visit.dto.itemCount : visit.startedBranches?.size;
    if (expected === undefined || outputs.size !== expected) continue;
    const parts: string[] = [];
    for (let i = 0; i < expected; i++) {
      const part = outputs.get(i);
      if (part === undefined) break;
      parts.push(part);
    }
    if (parts.length === expected) visit.dto.taskResult = `[${parts.join(',')}]`;
  }
}

// When a state ran several times, its colour is the most telling of its visits.
const STATUS_PRIORITY: StateVisit['status'][] = ['inProgress', 'failed', 'cancelled', 'caughtError', 'succeeded'];

/** Group visits by graph node; with a graph, states that never ran are listed as `notRun`. */
export function summariseStates(visits: VisitRecord[], graph: AslGraph | undefined): Record<string, StateSummary> {
  const states: Record<string, StateSummary> = {};
  for (const node of graph?.nodes ?? []) states[node.id] = { nodeId: node.id, name: node.name, status: 'notRun', visits: [] };
  for (const { dto } of visits) {
    const summary = (states[dto.nodeId] ??= { nodeId: dto.nodeId, name: dto.name, status: 'notRun', visits: [] });
    summary.visits.push(dto);
  }
  for (const summary of Object.values(states)) {
    if (summary.visits.length === 0) continue;
    const present = new Set<StateStatus>(summary.visits.map((v) => v.status));
    summary.status = STATUS_PRIORITY.find((s) => present.has(s)) ?? 'succeeded';
  }
  return states;
}

/** The banner over a failed, aborted or timed-out execution: which state, which error. */
export function buildErrorBanner(visits: VisitRecord[], execution: ExecutionFacts): ExecutionErrorBanner | undefined {
  const { status } = execution;
  if (status !== 'FAILED' && status !== 'ABORTED' && status !== 'TIMED_OUT') return undefined;
  // Aborted/timed out: name the state it was still in at the end, not a sibling aborted along the way.
  const culprit =
    status === 'FAILED'
      ? findFailedState(visits, execution.failedAtVisit)
      : (deepestLatest(
          visits.filter((v) => v.open),
          'cancelled',
        ) ?? deepestLatest(visits, 'cancelled'));
  const banner: ExecutionErrorBanner = { status };
  if (culprit) {
    banner.stateName = culprit.dto.name;
    banner.nodeId = culprit.dto.nodeId;
    banner.visitId = culprit.dto.id;
  }
  const error = execution.error.error ?? culprit?.dto.error;
  const cause = execution.error.cause ?? culprit?.dto.cause;
  if (error !== undefined) banner.error = error;
  if (cause !== undefined) banner.cause = cause;
  return banner;
}

/** From where ExecutionFailed points, go down into failed Parallel/Map children to the state that failed. */
function findFailedState(visits: VisitRecord[], failedAtVisit: VisitRecord | undefined): VisitRecord | undefined {
  if (!failedAtVisit) return deepestLatest(visits, 'failed');
  let culprit = failedAtVisit;
  for (;;) {
    let child: VisitRecord | undefined;
    for (const visit of visits) {
      const isLaterFailedChild = visit.parent === culprit && visit.dto.status === 'failed';
      if (isLaterFailedChild && (!child || visit.enteredMs >= child.enteredMs)) child = visit;
    }
    if (!child) return culprit;
    culprit = child;
  }
}

function deepestLatest(visits: VisitRecord[], status: StateVisit['status']): VisitRecord | undefined {
  let found: VisitRecord | undefined;
  for (const visit of visits) {
    if (visit.dto.status !== status) continue;
    const isLaterAtSameDepth = found !== undefined && visit.depth === found.depth && visit.enteredMs >= found.enteredMs;
    if (!found || visit.depth > found.depth || isLaterAtSameDepth) found = visit;
  }
  return found;
}
