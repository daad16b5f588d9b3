import 'server-only';

import type { GroupStatusDto, GroupTimeLagDto } from '@/lib/kafka/dto';

import { findRetentionTier, type RetentionPolicy } from './history';
import type { GroupLag } from './lag';
import { partitionKey } from './offset';
import { evaluateGroupStatus, type StatusOptions, type StatusSample } from './status';
import { estimateGroupTimeLag, type EndOffsetPoint } from './time-lag';

/**
 * The worker's memory of each group, in the manner of Burrow: per partition, the last few raw
 * observations (what the status rules judge) and a bounded, thinned series of (log end, time) points
 * (what time lag interpolates in). Kept in memory between rounds and persisted as one compact JSON
 * value per group, so nothing per partition is stored every round.
 */

export interface WindowObservation {
  at: number;
  committedOffset: bigint | null;
  logStartOffset: bigint;
  logEndOffset: bigint;
  hasActiveOwner?: boolean;
}

export interface PartitionWindow {
  topic: string;
  partition: number;
  /** Newest last, at most `windowSize` long. */
  recent: WindowObservation[];
  /** Oldest first, thinned by `endPointPolicy`. */
  endPoints: EndOffsetPoint[];
}

/** One group's windows by `partitionKey()`. */
export type GroupWindow = Map<string, PartitionWindow>;

export interface WindowOptions extends StatusOptions {
  /** How (log end, time) points are thinned as they age (default END_POINT_POLICY). */
  endPointPolicy?: RetentionPolicy;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every point for 15 minutes, one per 5 minutes to 6 hours, one per hour to 2 days: about 100 points
 * per partition at 30 s sampling, enough to interpolate a consumer two days behind to within an hour.
 */
export const END_POINT_POLICY: RetentionPolicy = [
  { maxAgeMs: 15 * MINUTE, resolutionMs: 0 },
  { maxAgeMs: 6 * HOUR, resolutionMs: 5 * MINUTE },
  { maxAgeMs: 48 * HOUR, resolutionMs: HOUR },
];

const DEFAULT_WINDOW_SIZE = 10;

/**
 * Adds a round's offsets of one group to its window (partitions no longer in the group are dropped)
 * and returns the window. `ownedPartitionKeys`: partitions a live member is assigned (undefined: not read).
 */
export function observeGroup(
  window: GroupWindow,
  lag: GroupLag,
  at: number,
  ownedPartitionKeys: ReadonlySet<string> | undefined,
  options: WindowOptions = {},
): GroupWindow {
  const windowSize = options.windowSize ?? DEFAULT_WINDOW_SIZE;
  const policy = options.endPointPolicy ?? END_POINT_POLICY;
  const seen = new Set<string>();
  for (const p of lag.partitions) {
    const key = partitionKey(p.topic, p.partition);
    seen.add(key);
    let series = window.get(key);
    if (!series) window.set(key, (series = { topic: p.topic, partition: p.partition, recent: [], endPoints: [] }));
    series.recent.push({
      at,
      committedOffset: p.committedOffset,
      logStartOffset: p.logStartOffset,
      logEndOffset: p.logEndOffset,
      ...(ownedPartitionKeys ? { hasActiveOwner: ownedPartitionKeys.has(key) } : {}),
    });
    if (series.recent.length > windowSize) series.recent.splice(0, series.recent.length - windowSize);
    series.endPoints.push({ at, logEndOffset: p.logEndOffset });
    series.endPoints = thinEndPoints(series.endPoints, at, policy);
  }
  for (const key of window.keys()) if (!seen.has(key)) window.delete(key);
  return window;
}

/**
 * Points oldest first, thinned so each tier keeps one point (the newest) per bucket of its resolution
 * and points older than the last tier are dropped. The newest point always stays.
 */
export function thinEndPoints(points: readonly EndOffsetPoint[], now: number, policy: RetentionPolicy = END_POINT_POLICY): EndOffsetPoint[] {
  const kept: EndOffsetPoint[] = [];
  let lastBucket: string | null = null;
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i]!;
    const tier = i === points.length - 1 ? { resolutionMs: 0 } : findRetentionTier(now - point.at, policy);
    if (!tier) break;
    const bucket = tier.resolutionMs === 0 ? null : `${tier.resolutionMs}:${Math.floor(point.at / tier.resolutionMs)}`;
    if (bucket !== null && bucket === lastBucket) continue;
    lastBucket = bucket;
    kept.push(point);
  }
  return kept.reverse();
}

/** Status (Burrow rules over the recent observations) and time lag (interpolated in the end points) at `now`. */
export function judgeGroupWindow(
  groupId: string,
  window: GroupWindow,
  now: number,
  options: StatusOptions = {},
): { status: GroupStatusDto; timeLag: GroupTimeLagDto } {
  const samples: StatusSample[] = [];
  const timeLagInputs = [];
  for (const series of window.values()) {
    for (const o of series.recent) samples.push({ topic: series.topic, partition: series.partition, ...o });
    const latest = series.recent.at(-1);
    if (!latest) continue;
    timeLagInputs.push({
      topic: series.topic,
      partition: series.partition,
      committedOffset: latest.committedOffset,
      logStartOffset: latest.logStartOffset,
      endOffsetHistory: series.endPoints,
    });
  }
  return { status: evaluateGroupStatus(groupId, samples, now, options), timeLag: estimateGroupTimeLag(groupId, timeLagInputs, now) };
}

// --- compact encoding -------------------------------------------------------------------------------
// One JSON value per group: times in ms relative to a base, offsets as decimal strings relative to
// the partition's newest log end (small numbers, and exact for offsets beyond 2^53).

type EncodedPartition = {
  t: string;
  p: number;
  /** newest log end (decimal) */
  e: string;
  /** recent: [at - base (ms), logEnd - e, logStart - e, committed - e | null, owner 1/0/-1] */
  r: [number, string, string, string | null, number][];
  /** end points: [at - base (ms), logEnd - e] */
  h: [number, string][];
};

type EncodedWindow = { v: 1; b: number; s: EncodedPartition[] };

/** The window as a compact JSON string (see the format above). */
export function encodeGroupWindow(window: GroupWindow): string {
  let base = Infinity;
  for (const s of window.values()) for (const point of s.endPoints) base = Math.min(base, point.at);
  for (const s of window.values()) for (const o of s.recent) base = Math.min(base, o.at);
  if (!Number.isFinite(base)) base = 0;
  const sec = (at: number) => at - base;
  const encoded: EncodedWindow = {
    v: 1,
    b: base,
    s: [...window.values()].map((s) => {
      const end = s.endPoints.at(-1)?.logEndOffset ?? s.recent.at(-1)?.logEndOffset ?? 0n;
      const rel = (v: bigint) => (v - end).toString();
      return {
        t: s.topic,
        p: s.partition,
        e: end.toString(),
        r: s.recent.map((o) => [
          sec(o.at),
          rel(o.logEndOffset),
          rel(o.logStartOffset),
          o.committedOffset === null ? null : rel(o.committedOffset),
          o.hasActiveOwner === undefined ? -1 : o.hasActiveOwner ? 1 : 0,
        ]),
        h: s.endPoints.map((point) => [sec(point.at), rel(point.logEndOffset)]),
      };
    }),
  };
  return JSON.stringify(encoded);
}

/** Reads encodeGroupWindow's output; an unreadable value is an empty window (it rebuilds in a few rounds). */
export function decodeGroupWindow(text: string | null): GroupWindow {
  const window: GroupWindow = new Map();
  if (!text) return window;
  let parsed: EncodedWindow;
  try {
    parsed = JSON.parse(text) as EncodedWindow;
  } catch {
    return window;
  }
  if (parsed?.v !== 1 || !Array.isArray(parsed.s)) return window;
  const at = (s: number) => parsed.b + s;
  for (const s of parsed.s) {
    const end = BigInt(s.e);
    const abs = (v: string) => end + BigInt(v);
    window.set(partitionKey(s.t, s.p), {
      topic: s.t,
      partition: s.p,
      recent: s.r.map(([t, logEnd, logStart, committed, owner]) => ({
        at: at(t),
        logEndOffset: abs(logEnd),
        logStartOffset: abs(logStart),
        committedOffset: committed === null ? null : abs(committed),
        ...(owner === -1 ? {} : { hasActiveOwner: owner === 1 }),
      })),
      endPoints: s.h.map(([t, logEnd]) => ({ at: at(t), logEndOffset: abs(logEnd) })),
    });
  }
  return window;
}
