import { compareExecutions, type ExecutionComparison } from './compare';
import type { ExecutionDetailDto } from './dto';
import type { ExecutionView, StateSummary, StateVisit } from './history-types';

// The compare page works from two execution DTOs (what the API returns); compareExecutions wants the
// derived views, which the DTO carries in another shape.

type DetailForCompare = Pick<ExecutionDetailDto, 'states' | 'startDate' | 'stopDate' | 'status' | 'timeline'>;

/** The parts of an ExecutionView that compareExecutions reads, rebuilt from an execution DTO. */
export function viewFromDetail(detail: DetailForCompare): ExecutionView {
  const states: Record<string, StateSummary> = {};
  const visits: StateVisit[] = [];
  for (const state of detail.states) {
    const stateVisits = state.visits.map(({ firstEventId: _first, lastEventId: _last, ...visit }) => ({ ...visit, eventIds: [] }));
    states[state.nodeId] = { nodeId: state.nodeId, name: state.name, status: state.status, visits: stateVisits };
    visits.push(...stateVisits);
  }
  // Visit ids are the ids of their StateEntered events: sorting by them restores entry order.
  visits.sort((a, b) => a.id - b.id);
  const view: ExecutionView = {
    status: detail.status === 'PENDING_REDRIVE' ? 'FAILED' : detail.status,
    states,
    visits,
    timeline: detail.timeline,
    startedAt: detail.startDate,
  };
  if (detail.stopDate) view.stoppedAt = detail.stopDate;
  return view;
}

/** Path and duration differences between two executions of one state machine. */
export function compareExecutionDetails(a: DetailForCompare, b: DetailForCompare): ExecutionComparison {
  return compareExecutions(viewFromDetail(a), viewFromDetail(b));
}
