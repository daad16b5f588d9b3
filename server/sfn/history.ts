import 'server-only';
import type { AslGraph } from '@/lib/sfn/asl-graph';
import { attributeEvents } from './history-attribution';
import { buildErrorBanner, fillContainerResults, settleStatuses, summariseStates } from './history-status';
import type { ExecutionView, SfnHistoryEvent } from '@/lib/sfn/history-types';
import { buildTimeline } from './timeline';

// The execution details page's model: from GetExecutionHistory events to per-state visits and colours,
// the error banner and the Gantt timeline. Pure and isomorphic: the server can run it for the first
// render, the polling client again on each refresh.

export interface DeriveExecutionViewOptions {
  /** The state machine graph: gives node ids to branch states and lists states that never ran. */
  graph?: AslGraph;
  /** "Now" in epoch ms, for the open end of running visits in the timeline (default Date.now()). */
  now?: number;
}

/** Turn a GetExecutionHistory event list into per-state visits and statuses, the error banner and the timeline. */
export function deriveExecutionView(events: readonly SfnHistoryEvent[], options: DeriveExecutionViewOptions = {}): ExecutionView {
  const { visits, execution } = attributeEvents(events, options.graph);
  settleStatuses(visits, execution);
  fillContainerResults(visits);

  const view: ExecutionView = {
    status: execution.status,
    states: summariseStates(visits, options.graph),
    visits: visits.map((v) => v.dto),
    timeline: buildTimeline(
      visits.map((v) => ({ visit: v.dto, depth: v.depth, enteredMs: v.enteredMs, exitedMs: v.exitedMs })),
      {
        startMs: execution.startedMs,
        endMs: Number.isFinite(execution.stoppedMs) ? execution.stoppedMs : (options.now ?? Date.now()),
      },
    ),
  };
  if (execution.startedAt !== undefined) view.startedAt = execution.startedAt;
  if (execution.stoppedAt !== undefined) view.stoppedAt = execution.stoppedAt;
  if (execution.input !== undefined) view.input = execution.input;
  if (execution.output !== undefined) view.output = execution.output;
  const banner = buildErrorBanner(visits, execution);
  if (banner) view.error = banner;
  return view;
}
