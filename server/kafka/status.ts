import 'server-only';

import { CONSUMER_STATUSES, type ConsumerSeverity, type ConsumerStatus, type GroupStatusDto, type PartitionStatusDto } from '@/lib/kafka/dto';

import { groupSamplesByPartition } from './lag-sample';
import { partitionLabel } from './offset';

/**
 * Consumer status in the manner of LinkedIn Burrow's lag evaluation rules, judged over a sliding
 * window of samples instead of a threshold. Burrow sees every commit with its timestamp; the portal
 * samples committed offsets periodically, so "a commit" here is a change of the committed offset
 * between samples, and whether a live member owns the partition separates STALL from STOP.
 */

export type StatusSample = {
  at: number;
  topic: string;
  partition: number;
  committedOffset: bigint | null;
  logStartOffset?: bigint;
  logEndOffset: bigint;
  hasActiveOwner?: boolean;
};

export interface StatusOptions {
  /** Samples per partition to judge (Burrow's `intervals`); at the default 60 s sampling, 10 minutes. */
  windowSize?: number;
  /** Fewer samples than this with a commit → UNKNOWN (Burrow's minimum-complete). */
  minSamples?: number;
}

const DEFAULT_WINDOW_SIZE = 10;
const DEFAULT_MIN_SAMPLES = 3;

/** Status of one partition from its samples (any order) at time `now`. */
export function evaluatePartitionStatus(samples: readonly StatusSample[], now: number, options: StatusOptions = {}): PartitionStatusDto {
  const windowSize = options.windowSize ?? DEFAULT_WINDOW_SIZE;
  const minSamples = Math.max(2, options.minSamples ?? DEFAULT_MIN_SAMPLES);
  const sorted = [...samples].sort((a, b) => a.at - b.at).slice(-windowSize);
  const latest = sorted.at(-1);
  if (!latest) throw new Error('evaluatePartitionStatus needs at least one sample');
  const name = partitionLabel(latest.topic, latest.partition);
  const result = (status: ConsumerStatus, reason: string, window: readonly StatusSample[]): PartitionStatusDto => ({
    topic: latest.topic,
    partition: latest.partition,
    status,
    severity: severityOf(status),
    reason,
    // As kafka-consumer-groups prints it (negative when ahead of the log end).
    currentLag: latest.committedOffset === null ? null : (latest.logEndOffset - latest.committedOffset).toString(),
    samplesEvaluated: window.length,
  });

  if (latest.committedOffset === null) {
    const waiting = latest.logStartOffset === undefined ? null : latest.logEndOffset - latest.logStartOffset;
    if (waiting === 0n) return result('OK', `partition ${name} is empty and has no committed offset`, []);
    const records = waiting === null ? '' : `; ${waiting} records are waiting`;
    return result('UNKNOWN', `partition ${name} has no committed offset${records}`, []);
  }

  // Before any trend: a commit past the log end is not a consumer falling behind but a log that went
  // away under it, and the lag (negative) says nothing about progress.
  if (latest.committedOffset > latest.logEndOffset) {
    return result(
      'AHEAD',
      `partition ${name} committed offset ${latest.committedOffset} is ${latest.committedOffset - latest.logEndOffset} past the log end ${latest.logEndOffset}: the topic was likely deleted and recreated, or its log truncated; the consumer will reset by its auto.offset.reset`,
      [latest],
    );
  }

  // Like Burrow, judge only the run of samples since the group started committing this partition.
  const window = trailingCommitted(sorted);
  const points: Point[] = window.map((s) => ({ at: s.at, committed: s.committedOffset!, end: s.logEndOffset, lag: lagOf(s)! }));
  const current = points.at(-1)!;

  if (current.lag === 0n) return result('OK', `partition ${name} is caught up at offset ${current.committed}`, window);

  if (points.length < minSamples) {
    return result('UNKNOWN', `partition ${name} has lag ${current.lag}; ${points.length} of ${minSamples} samples needed to judge the trend`, window);
  }

  const rewind = findUnrecoveredRewind(points);
  if (rewind) {
    return result(
      'REWIND',
      `partition ${name} committed offset went back from ${rewind.from} to ${rewind.to} ${ago(now, rewind.at)}; lag is ${current.lag}`,
      window,
    );
  }

  const stuck = findStuckCommit(points, now);
  if (stuck) {
    const first = points[stuck.sinceIndex]!;
    const span = `for ${formatDuration(now - first.at)} (${points.length - stuck.sinceIndex} samples)`;
    if (latest.hasActiveOwner) {
      return result(
        'STALL',
        `partition ${name} is assigned to a live consumer but its committed offset stayed at ${current.committed} ${span} while ${change('lag', 'went', first.lag, current.lag)}`,
        window,
      );
    }
    const owner = latest.hasActiveOwner === false ? ' and no live consumer is assigned to it' : '';
    return result(
      'STOP',
      `partition ${name} has had no commits ${span}: the committed offset is stuck at ${current.committed} while ${change('the log end', 'moved', first.end, current.end)} (lag ${current.lag})${owner}`,
      window,
    );
  }

  if (points.some((p) => p.lag === 0n)) {
    return result('OK', `partition ${name} was caught up within the last ${points.length} samples; lag is ${current.lag}`, window);
  }

  const first = points[0]!;
  if (isLagGrowingWhileCommitting(points)) {
    return result('WARN', `partition ${name} lag grew from ${first.lag} to ${current.lag} over ${points.length} samples while commits advanced`, window);
  }

  const before = first.lag === current.lag ? `the same ${points.length} samples ago` : `was ${first.lag} ${points.length} samples ago`;
  return result('OK', `partition ${name} has lag ${current.lag} (${before}) and commits advance`, window);
}

/** Status of a group: every partition evaluated, the group taking the worst and naming it. */
export function evaluateGroupStatus(groupId: string, samples: readonly StatusSample[], now: number, options: StatusOptions = {}): GroupStatusDto {
  const partitions = [...groupSamplesByPartition(samples).values()]
    .map((series) => evaluatePartitionStatus(series, now, options))
    .sort((a, b) => rank(b.status) - rank(a.status) || compareLag(b.currentLag, a.currentLag));
  const worst = partitions[0];
  if (!worst) {
    return { groupId, status: 'UNKNOWN', severity: 'unknown', reason: `group ${groupId} has no samples yet`, partitions };
  }
  if (worst.status === 'OK') {
    return { groupId, status: 'OK', severity: 'ok', reason: `all ${partitions.length} partitions are OK`, partitions };
  }
  const alike = partitions.filter((p) => p.status === worst.status).length - 1;
  const more = alike > 0 ? ` (and ${alike} more ${alike === 1 ? 'partition' : 'partitions'} ${worst.status})` : '';
  return { groupId, status: worst.status, severity: worst.severity, reason: `${worst.reason}${more}`, partitions };
}

type Point = { at: number; committed: bigint; end: bigint; lag: bigint };

/** Lag for the trend rules: a commit past the end (an earlier sample, before a recreate) counts as caught up. */
function lagOf(sample: StatusSample): bigint | null {
  if (sample.committedOffset === null) return null;
  return sample.committedOffset >= sample.logEndOffset ? 0n : sample.logEndOffset - sample.committedOffset;
}

function trailingCommitted(sorted: readonly StatusSample[]): StatusSample[] {
  let start = sorted.length;
  while (start > 0 && sorted[start - 1]!.committedOffset !== null) start -= 1;
  return sorted.slice(start);
}

/**
 * Burrow rule 2, with its later refinement: a commit going backwards is an error unless the
 * consumer has since committed past where it was before the rewind.
 */
function findUnrecoveredRewind(points: readonly Point[]): { from: bigint; to: bigint; at: number } | null {
  const current = points.at(-1)!.committed;
  for (let i = points.length - 1; i > 0; i--) {
    const before = points[i - 1]!;
    const after = points[i]!;
    if (after.committed < before.committed) {
      return current < before.committed ? { from: before.committed, to: after.committed, at: after.at } : null;
    }
  }
  return null;
}

/**
 * Burrow rule 3 on sampled data: the committed offset last moved at `lastMove`; if it has been still
 * for longer than it was observed moving before that (`lastMove − window start`), with lag in every
 * sample since (data arrived and was not taken — Burrow's "recent zero lag" guard), commits stopped.
 * A committed offset that never moved in the window qualifies at once, which is Burrow's rule 4.
 */
function findStuckCommit(points: readonly Point[], now: number): { sinceIndex: number } | null {
  let sinceIndex = points.length - 1;
  while (sinceIndex > 0 && points[sinceIndex - 1]!.committed === points[sinceIndex]!.committed) sinceIndex -= 1;
  const lastMove = points[sinceIndex]!.at;
  const windowStart = points[0]!.at;
  const stillFor = now - lastMove;
  const movingFor = lastMove - windowStart;
  const lagThroughout = points.slice(sinceIndex).every((p) => p.lag > 0n);
  const stillSamples = points.length - sinceIndex;
  return stillSamples >= 2 && lagThroughout && stillFor > movingFor ? { sinceIndex } : null;
}

/** Burrow rule 5: commits move, but the lag never went down between samples and ended higher. */
function isLagGrowingWhileCommitting(points: readonly Point[]): boolean {
  const first = points[0]!;
  const last = points.at(-1)!;
  if (last.committed <= first.committed || last.lag <= first.lag) return false;
  return points.every((p, i) => i === 0 || p.lag >= points[i - 1]!.lag);
}

function rank(status: ConsumerStatus): number {
  return CONSUMER_STATUSES.indexOf(status);
}

function severityOf(status: ConsumerStatus): ConsumerSeverity {
  if (status === 'OK') return 'ok';
  if (status === 'UNKNOWN') return 'unknown';
  if (status === 'WARN') return 'warning';
  return 'error';
}

function compareLag(a: string | null, b: string | null): number {
  const x = a === null ? -1n : BigInt(a);
  const y = b === null ? -1n : BigInt(b);
  return x === y ? 0 : x > y ? 1 : -1;
}

/** "the log end moved from 400 to 800", or "the log end stayed at 800" when it did not move. */
function change(what: string, verb: 'moved' | 'went', from: bigint, to: bigint): string {
  return from === to ? `${what} stayed at ${to}` : `${what} ${verb} from ${from} to ${to}`;
}

function ago(now: number, at: number): string {
  return `${formatDuration(now - at)} ago`;
}

/** 95_000 → "1m 35s"; 7_200_000 → "2h 0m". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
