import 'server-only';
import type { ExecutionSummaryDto, RecentActivityDto } from '@/lib/sfn/dto';

// The state machine list's "recent executions" column: counts by status over the newest page of
// executions, and the newest one that did not succeed.

const FAILURE_STATUSES = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/** Count executions by status and find the newest failure (input is newest first, as ListExecutions returns it). */
export function summariseRecentExecutions(executions: readonly ExecutionSummaryDto[], hasMore: boolean): RecentActivityDto {
  const counts: RecentActivityDto['counts'] = {};
  for (const execution of executions) counts[execution.status] = (counts[execution.status] ?? 0) + 1;
  return {
    sampled: executions.length,
    hasMore,
    counts,
    lastFailure: executions.find((e) => FAILURE_STATUSES.has(e.status)) ?? null,
  };
}
