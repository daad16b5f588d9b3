import 'server-only';
import type { StateVisit, TimelineMark, TimelineRow } from '@/lib/sfn/history-types';

// Gantt rows for the timeline view: one row per visit, in entry order, offsets from execution start.

export interface TimelineInput {
  visit: StateVisit;
  depth: number;
  /** Epoch ms of entry/exit, already parsed by the caller (saves re-parsing ISO text per row). */
  enteredMs: number;
  exitedMs?: number;
}

export interface TimelineBounds {
  /** Execution start (epoch ms); rows are offsets from it. */
  startMs: number;
  /** Where unfinished visits end: the stop time, or "now" while running (epoch ms). */
  endMs: number;
}

/** Build one Gantt row per visit, with retry attempts, retry back-offs and Wait states marked. */
export function buildTimeline(rows: readonly TimelineInput[], bounds: TimelineBounds): TimelineRow[] {
  const origin = Number.isFinite(bounds.startMs) ? bounds.startMs : 0;
  const offset = (iso: string | undefined, fallback: number) => {
    const ms = iso ? Date.parse(iso) : Number.NaN;
    return (Number.isFinite(ms) ? ms : fallback) - origin;
  };

  return rows.map(({ visit, depth, enteredMs, exitedMs }) => {
    const startMs = (Number.isFinite(enteredMs) ? enteredMs : origin) - origin;
    const isOpenEnded = exitedMs === undefined;
    const endMs = Math.max(startMs, (exitedMs !== undefined && Number.isFinite(exitedMs) ? exitedMs : bounds.endMs) - origin);
    const marks: TimelineMark[] = [];
    for (const retry of visit.retries) {
      const failedAt = offset(retry.at, startMs);
      marks.push({ kind: 'retry', startMs: failedAt, endMs: failedAt, label: retry.error ?? 'retry' });
      if (retry.retriedAt) {
        marks.push({ kind: 'retryWait', startMs: failedAt, endMs: offset(retry.retriedAt, failedAt) });
      }
    }
    if (visit.type === 'Wait') marks.push({ kind: 'wait', startMs, endMs });

    const row: TimelineRow = {
      visitId: visit.id,
      nodeId: visit.nodeId,
      name: visit.name,
      type: visit.type,
      depth,
      status: visit.status,
      startMs,
      endMs,
      isOpenEnded,
      marks,
    };
    if (visit.iterationIndex !== undefined) row.iterationIndex = visit.iterationIndex;
    if (visit.branchIndex !== undefined) row.branchIndex = visit.branchIndex;
    return row;
  });
}
