import 'server-only';

import { CONSUMER_STATUSES, type ConsumerStatus } from '@/lib/kafka/dto';

import type { GroupLagPoint, PartitionLagSample } from './lag-sample';

/**
 * Retention and downsampling of lag history, so months of it stay small: samples younger than a
 * tier's age are kept at its resolution; older than the last tier they are dropped. A downsampled
 * bucket keeps the last values seen in it (so time lag and status still read real offsets at real
 * times) and the largest lag (so a spike between samples is not averaged away).
 *
 * Two series kinds share the machinery: per-partition samples (detail for status and time lag, kept
 * briefly: at 200 groups × 100 partitions that is 20,000 series) and per-group points (totals for
 * charts, kept for months).
 */

export interface RetentionTier {
  /** Samples younger than this belong to the tier. */
  maxAgeMs: number;
  /** 0 = keep every raw sample; otherwise one sample per bucket of this width. */
  resolutionMs: number;
}

export type RetentionPolicy = readonly RetentionTier[];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Raw for 2 h, 5-minute buckets for 2 days, hourly buckets for 90 days: for group points. */
export const DEFAULT_RETENTION_POLICY: RetentionPolicy = [
  { maxAgeMs: 2 * HOUR, resolutionMs: 0 },
  { maxAgeMs: 2 * DAY, resolutionMs: 5 * MINUTE },
  { maxAgeMs: 90 * DAY, resolutionMs: HOUR },
];

/**
 * For per-partition samples, which the worker writes once per 5 minutes (status and time lag come from
 * its in-memory window, not from these): 5-minute buckets to 6 h, hourly to 2 days. 114 rows per
 * partition and group.
 */
export const PARTITION_DETAIL_RETENTION_POLICY: RetentionPolicy = [
  { maxAgeMs: 6 * HOUR, resolutionMs: 5 * MINUTE },
  { maxAgeMs: 2 * DAY, resolutionMs: HOUR },
];

/** The retention settings (server/env.ts KAFKA_LAG_*), in hours and days. */
export interface LagRetentionSettings {
  groupRawHours: number;
  group5MinDays: number;
  groupHourlyDays: number;
  partition5MinHours: number;
  partitionHourlyDays: number;
}

/** Both policies from the settings; throws when a tier would not outlive the one before it. */
export function buildLagRetentionPolicies(settings: LagRetentionSettings): { groups: RetentionPolicy; partitions: RetentionPolicy } {
  const groups: RetentionPolicy = [
    { maxAgeMs: settings.groupRawHours * HOUR, resolutionMs: 0 },
    { maxAgeMs: settings.group5MinDays * DAY, resolutionMs: 5 * MINUTE },
    { maxAgeMs: settings.groupHourlyDays * DAY, resolutionMs: HOUR },
  ];
  const partitions: RetentionPolicy = [
    { maxAgeMs: settings.partition5MinHours * HOUR, resolutionMs: 5 * MINUTE },
    { maxAgeMs: settings.partitionHourlyDays * DAY, resolutionMs: HOUR },
  ];
  assertRetentionPolicy(groups);
  assertRetentionPolicy(partitions);
  return { groups, partitions };
}

/** Anything with a time and a resolution can be compacted. */
export interface TimedSample {
  at: number;
  resolutionMs: number;
}

/** How one kind of series is keyed and how a bucket of it is summarised. */
export interface SeriesDownsampler<S extends TimedSample> {
  seriesKey(sample: S): string;
  /** `members` is non-empty; the result stands for the whole bucket at `resolutionMs`. */
  summarise(members: readonly S[], resolutionMs: number): S;
}

export interface CompactionPlan<T extends S, S extends TimedSample = PartitionLagSample> {
  /** Stored samples to delete (expired, or folded into a bucket). */
  remove: T[];
  /** Bucket summaries to store in their place. */
  insert: S[];
}

/** Throws unless tiers grow in age and resolution, each resolution dividing the next (buckets nest). */
export function assertRetentionPolicy(policy: RetentionPolicy): void {
  if (policy.length === 0) throw new Error('A retention policy needs at least one tier');
  policy.forEach((tier, i) => {
    if (!(tier.maxAgeMs > 0) || !(tier.resolutionMs >= 0)) throw new Error(`Retention tier ${i} has a bad age or resolution`);
    const previous = policy[i - 1];
    if (!previous) return;
    if (tier.maxAgeMs <= previous.maxAgeMs) throw new Error(`Retention tier ${i} must cover older samples than tier ${i - 1}`);
    if (tier.resolutionMs < previous.resolutionMs) throw new Error(`Retention tier ${i} must not be finer than tier ${i - 1}`);
    if (previous.resolutionMs > 0 && tier.resolutionMs % previous.resolutionMs !== 0) {
      throw new Error(`Retention tier ${i} resolution must be a multiple of tier ${i - 1}'s`);
    }
  });
}

/** The tier a sample of this age falls in, or null when it has outlived every tier. */
export function findRetentionTier(ageMs: number, policy: RetentionPolicy = DEFAULT_RETENTION_POLICY): RetentionTier | null {
  return policy.find((tier) => ageMs < tier.maxAgeMs) ?? null;
}

/**
 * What to delete and what to insert so stored samples follow the policy at `now`. Idempotent: a
 * bucket already summarised by one sample is left alone, so running it every few minutes is cheap.
 */
function planCompaction<S extends TimedSample, T extends S>(
  samples: readonly T[],
  now: number,
  policy: RetentionPolicy,
  downsampler: SeriesDownsampler<S>,
): CompactionPlan<T, S> {
  assertRetentionPolicy(policy);
  const remove: T[] = [];
  const buckets = new Map<string, { resolutionMs: number; members: T[] }>();
  for (const sample of samples) {
    const tier = findRetentionTier(now - sample.at, policy);
    if (!tier) {
      remove.push(sample);
      continue;
    }
    if (tier.resolutionMs === 0) continue;
    const key = `${downsampler.seriesKey(sample)}\u0000${tier.resolutionMs}\u0000${Math.floor(sample.at / tier.resolutionMs)}`;
    const bucket = buckets.get(key) ?? { resolutionMs: tier.resolutionMs, members: [] };
    bucket.members.push(sample);
    buckets.set(key, bucket);
  }

  const insert: S[] = [];
  for (const { resolutionMs, members } of buckets.values()) {
    const only = members[0];
    if (members.length === 1 && only && only.resolutionMs >= resolutionMs) continue;
    remove.push(...members);
    insert.push(downsampler.summarise(members, resolutionMs));
  }
  return { remove, insert };
}

/** Per-partition samples: keyed by group and partition; a bucket keeps its last offsets and largest lag. */
export const partitionSampleDownsampler: SeriesDownsampler<PartitionLagSample> = {
  seriesKey: (s) => `${s.groupId}\u0000${s.topic}\u0000${s.partition}`,
  summarise(members, resolutionMs) {
    const last = latestOf(members);
    return {
      at: last.at,
      groupId: last.groupId,
      topic: last.topic,
      partition: last.partition,
      logStartOffset: last.logStartOffset,
      logEndOffset: last.logEndOffset,
      committedOffset: last.committedOffset,
      lag: last.lag,
      maxLag: maxOf(members.map((m) => m.maxLag ?? m.lag)),
      resolutionMs,
      ...(last.hasActiveOwner === undefined ? {} : { hasActiveOwner: last.hasActiveOwner }),
    };
  },
};

/** Per-group points: keyed by group; a bucket keeps its last totals and the peaks within it. */
export const groupPointDownsampler: SeriesDownsampler<GroupLagPoint> = {
  seriesKey: (p) => p.groupId,
  summarise(members, resolutionMs) {
    const last = latestOf(members);
    return {
      at: last.at,
      groupId: last.groupId,
      totalLag: last.totalLag,
      peakTotalLag: maxOf(members.map((m) => m.peakTotalLag)) ?? last.totalLag,
      maxPartitionLag: maxOf(members.map((m) => m.maxPartitionLag)),
      partitionCount: last.partitionCount,
      unknownLagPartitionCount: last.unknownLagPartitionCount,
      dataLostPartitionCount: last.dataLostPartitionCount,
      resolutionMs,
      ...(last.timeLagSeconds === undefined ? {} : { timeLagSeconds: last.timeLagSeconds }),
      ...(members.some((m) => m.status) ? { status: worstStatusOf(members.map((m) => m.status ?? null)) } : {}),
    };
  },
};

// Burrow's order, worst last (as lib/kafka/dto's CONSUMER_STATUSES).
function worstStatusOf(statuses: readonly (ConsumerStatus | null)[]): ConsumerStatus | null {
  let worst: ConsumerStatus | null = null;
  for (const status of statuses) if (status && (worst === null || CONSUMER_STATUSES.indexOf(status) > CONSUMER_STATUSES.indexOf(worst))) worst = status;
  return worst;
}

/** Compaction plan for per-partition samples (default: the short partition-detail policy). */
export function planHistoryCompaction<T extends PartitionLagSample>(
  samples: readonly T[],
  now: number,
  policy: RetentionPolicy = PARTITION_DETAIL_RETENTION_POLICY,
): CompactionPlan<T, PartitionLagSample> {
  return planCompaction<PartitionLagSample, T>(samples, now, policy, partitionSampleDownsampler);
}

/** Compaction plan for per-group points (default: 24 h raw / 7 d at 5 min / 90 d hourly). */
export function planGroupPointCompaction<T extends GroupLagPoint>(
  points: readonly T[],
  now: number,
  policy: RetentionPolicy = DEFAULT_RETENTION_POLICY,
): CompactionPlan<T, GroupLagPoint> {
  return planCompaction<GroupLagPoint, T>(points, now, policy, groupPointDownsampler);
}

/** The samples that remain after applying a plan: for in-memory stores and tests. */
export function applyCompactionPlan<S extends TimedSample, T extends S>(samples: readonly T[], plan: CompactionPlan<T, S>): S[] {
  const removed = new Set<S>(plan.remove);
  return [...samples.filter((s) => !removed.has(s)), ...plan.insert].sort((a, b) => a.at - b.at);
}

/** Per-partition history after compaction. */
export function compactHistory<T extends PartitionLagSample>(
  samples: readonly T[],
  now: number,
  policy: RetentionPolicy = PARTITION_DETAIL_RETENTION_POLICY,
): PartitionLagSample[] {
  return applyCompactionPlan(samples, planHistoryCompaction(samples, now, policy));
}

function latestOf<S extends TimedSample>(members: readonly S[]): S {
  let last = members[0]!;
  for (const member of members) if (member.at >= last.at) last = member;
  return last;
}

function maxOf(values: readonly (bigint | null)[]): bigint | null {
  let max: bigint | null = null;
  for (const value of values) if (value !== null && (max === null || value > max)) max = value;
  return max;
}
