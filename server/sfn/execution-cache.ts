import 'server-only';
import { LruCache } from '@/server/sfn/layout-cache';
import type { LaidOutDefinition } from '@/server/sfn/layout-cache';
import type { HistoryEventRowDto } from '@/lib/sfn/dto';
import type { ExecutionView, SfnHistoryEvent } from '@/lib/sfn/history-types';
import type { ExecutionDefinition, ExecutionDescription } from '@/server/aws/sfn-dto';
import { processWide } from '@/server/process-wide';

// A finished execution never changes: keep the last few read (history, derived view, event rows) so the
// event table's pages and the compare view do not read 25,000 events from AWS again. A running one is
// followed: its definition and the events read so far are kept, and each refresh reads only newer events.

export interface LoadedExecution {
  description: ExecutionDescription;
  definition: ExecutionDefinition;
  events: SfnHistoryEvent[];
  historyTruncated: boolean;
  laidOut: LaidOutDefinition;
  view: ExecutionView;
  /** Built on the first event-table request. */
  rows?: HistoryEventRowDto[];
}

/** What is kept of a running execution between refreshes. */
export interface FollowedExecution {
  definition: ExecutionDefinition;
  events: SfnHistoryEvent[];
  historyTruncated: boolean;
}

const finished = processWide('sfn.finishedExecutions', () => new LruCache<string, LoadedExecution>(8));
const running = processWide('sfn.runningExecutions', () => new LruCache<string, FollowedExecution>(32));

// Keyed by target too: ARNs repeat across sandbox resets.
const keyOf = (targetId: string, executionArn: string) => `${targetId}|${executionArn}`;

/**
 * True once an execution can no longer change: DescribeExecution says it ended, and the history read
 * holds its end event (a history read a moment before the end must not be kept as the final one).
 */
function isSettled(loaded: Pick<LoadedExecution, 'description' | 'view'>): boolean {
  const ended = loaded.description.status !== 'RUNNING' && loaded.description.status !== 'PENDING_REDRIVE';
  return ended && loaded.view.status !== 'RUNNING';
}

/** A finished execution read before, if still cached. */
export function getCachedExecution(targetId: string, executionArn: string): LoadedExecution | undefined {
  return finished.get(keyOf(targetId, executionArn));
}

/** A running execution read before: its definition and the events read so far. */
export function getFollowedExecution(targetId: string, executionArn: string): FollowedExecution | undefined {
  return running.get(keyOf(targetId, executionArn));
}

/** Keep what was read: the whole of a finished execution, the events of a running one. */
export function cacheExecution(targetId: string, loaded: LoadedExecution): void {
  const key = keyOf(targetId, loaded.description.executionArn);
  if (isSettled(loaded)) {
    finished.set(key, loaded);
    running.delete(key);
  } else {
    running.set(key, { definition: loaded.definition, events: loaded.events, historyTruncated: loaded.historyTruncated });
  }
}
