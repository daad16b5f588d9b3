import { findStateDefinition, type AslGraph } from './asl-graph';
import { contextObjectFor, findCatcher, traceDataFlow, type DataFlowTrace, type ExecutionContextSource } from './data-flow';
import type { StateVisit } from './history-types';

// The step panel's "Input and output processing": replays InputPath -> Parameters -> ResultSelector ->
// ResultPath -> OutputPath for one visit from what the history recorded, and says whether the replay
// agrees with the output Step Functions actually produced.

export interface VisitTrace {
  /** What the state did with its input and result (for a caught error: up to the step that failed). */
  trace: DataFlowTrace;
  /** For a caught error: how the Catch's ResultPath built the output. */
  caught?: DataFlowTrace;
  /** The replayed output equals the recorded one (null when there is nothing to compare). */
  matchesRecordedOutput: boolean | null;
}

export type VisitTraceResult = { ok: true; value: VisitTrace } | { ok: false; reason: string };

type TraceableVisit = Pick<
  StateVisit,
  'nodeId' | 'name' | 'enteredAt' | 'retries' | 'input' | 'output' | 'inputTruncated' | 'taskResult' | 'status' | 'error' | 'cause'
>;

/** Parse JSON text from the history; `undefined` when absent or not JSON (truncated payloads are not). */
export function parseRecordedJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** JSON text with object keys sorted, so two equal values always print the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Replay one visit's data flow against the definition that ran. */
export function traceVisit(definition: string, graph: AslGraph, visit: TraceableVisit, execution: ExecutionContextSource): VisitTraceResult {
  const state = findStateDefinition(definition, visit.nodeId, graph);
  if (!state) return { ok: false, reason: 'This state is not in the definition that ran.' };
  if (visit.inputTruncated) return { ok: false, reason: 'The history holds a truncated input for this visit (over 256 KB), so it cannot be replayed.' };
  const input = parseRecordedJson(visit.input);
  if (!input.ok) return { ok: false, reason: 'The history holds no input for this visit yet.' };

  const taskResult = parseRecordedJson(visit.taskResult);
  const context = contextObjectFor(execution, visit);
  const trace = traceDataFlow(state, input.value, { context, ...(taskResult.ok ? { taskResult: taskResult.value } : {}) });
  const result: VisitTrace = { trace, matchesRecordedOutput: null };

  const catcher = visit.status === 'caughtError' && visit.error ? findCatcher(state, visit.error) : undefined;
  if (catcher && visit.error) {
    result.caught = traceDataFlow(state, input.value, {
      context,
      caught: { catcher, error: visit.error, ...(visit.cause !== undefined ? { cause: visit.cause } : {}) },
    });
  }
  const replayed = result.caught ?? trace;
  const recorded = parseRecordedJson(visit.output);
  if (recorded.ok && 'output' in replayed && replayed.output !== undefined) {
    result.matchesRecordedOutput = canonicalJson(replayed.output) === canonicalJson(recorded.value);
  }
  return { ok: true, value: result };
}
