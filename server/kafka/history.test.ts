import { describe, expect, it } from 'vitest';

import {
  applyCompactionPlan,
  assertRetentionPolicy,
  buildLagRetentionPolicies,
  compactHistory,
  DEFAULT_RETENTION_POLICY as GROUP_POLICY,
  findRetentionTier,
  PARTITION_DETAIL_RETENTION_POLICY,
  planGroupPointCompaction,
  planHistoryCompaction,
} from './history';
import type { GroupLagPoint, PartitionLagSample } from './lag-sample';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = 100 * DAY;
/** Raw for a day, 5-minute buckets for a week, hourly for 90 days: the tiers these cases are written for. */
const DEFAULT_RETENTION_POLICY = [
  { maxAgeMs: DAY, resolutionMs: 0 },
  { maxAgeMs: 7 * DAY, resolutionMs: 5 * MINUTE },
  { maxAgeMs: 90 * DAY, resolutionMs: HOUR },
];

function sample(at: number, committed: number, end: number, extra: Partial<PartitionLagSample> = {}): PartitionLagSample {
  return {
    at,
    groupId: 'billing',
    topic: 'orders',
    partition: 0,
    logStartOffset: 0n,
    logEndOffset: BigInt(end),
    committedOffset: BigInt(committed),
    lag: BigInt(end - committed),
    maxLag: BigInt(end - committed),
    resolutionMs: 0,
    ...extra,
  };
}

/** One sample per minute over [from, to) (ages relative to NOW), lag rising and falling. */
function everyMinute(fromAgeMs: number, toAgeMs: number): PartitionLagSample[] {
  const out: PartitionLagSample[] = [];
  for (let at = NOW - fromAgeMs; at < NOW - toAgeMs; at += MINUTE) {
    const i = (at / MINUTE) % 10;
    out.push(sample(at, at / MINUTE, at / MINUTE + (i < 5 ? i * 10 : 0)));
  }
  return out;
}

describe('findRetentionTier', () => {
  it('maps ages to raw / 5-minute / hourly / dropped', () => {
    expect(findRetentionTier(HOUR)?.resolutionMs).toBe(0);
    expect(findRetentionTier(DAY)?.resolutionMs).toBe(5 * MINUTE);
    expect(findRetentionTier(30 * DAY)?.resolutionMs).toBe(HOUR);
    expect(findRetentionTier(91 * DAY)).toBeNull();
  });
});

describe('planHistoryCompaction', () => {
  it('keeps the last 24 h raw', () => {
    const raw = everyMinute(23 * HOUR, 0);
    expect(planHistoryCompaction(raw, NOW, DEFAULT_RETENTION_POLICY)).toEqual({ remove: [], insert: [] });
  });

  it('drops samples older than the last tier', () => {
    const old = sample(NOW - 91 * DAY, 1, 2);
    expect(planHistoryCompaction([old], NOW, DEFAULT_RETENTION_POLICY)).toEqual({ remove: [old], insert: [] });
  });

  it('folds a 5-minute bucket into its last offsets and its largest lag', () => {
    const bucketStart = Math.floor((NOW - 2 * DAY) / (5 * MINUTE)) * 5 * MINUTE;
    const members = [
      sample(bucketStart, 100, 150, { hasActiveOwner: true }),
      sample(bucketStart + MINUTE, 110, 900), // the spike
      sample(bucketStart + 4 * MINUTE, 200, 260, { hasActiveOwner: false }),
    ];
    const plan = planHistoryCompaction(members, NOW, DEFAULT_RETENTION_POLICY);
    expect(plan.remove).toHaveLength(3);
    expect(plan.insert).toEqual([
      {
        ...sample(bucketStart + 4 * MINUTE, 200, 260),
        maxLag: 790n,
        resolutionMs: 5 * MINUTE,
        hasActiveOwner: false,
      },
    ]);
  });

  it('is idempotent: compacting compacted history changes nothing', () => {
    const history = [...everyMinute(10 * DAY, 0)];
    const once = compactHistory(history, NOW, DEFAULT_RETENTION_POLICY);
    expect(planHistoryCompaction(once, NOW, DEFAULT_RETENTION_POLICY)).toEqual({ remove: [], insert: [] });
  });

  it('keeps months of minute samples small', () => {
    const history = everyMinute(89 * DAY, 0); // ~128k samples
    const compacted = compactHistory(history, NOW, DEFAULT_RETENTION_POLICY);
    // 24 h raw (1440) + 6 days of 5-minute buckets (1728) + 82 days hourly (1968), give or take a boundary bucket
    expect(compacted.length).toBeGreaterThan(5100);
    expect(compacted.length).toBeLessThan(5200);
    // ages 1..1439 minutes; the sample exactly 24 h old already belongs to the 5-minute tier
    expect(compacted.filter((s) => s.resolutionMs === 0)).toHaveLength(1439);
  });

  it('re-buckets 5-minute summaries into hours as they age, keeping the spike', () => {
    const history = everyMinute(8 * DAY, 6 * DAY);
    const week = compactHistory(history, NOW, DEFAULT_RETENTION_POLICY);
    const later = compactHistory(week, NOW + 2 * DAY, DEFAULT_RETENTION_POLICY);
    const hourly = later.filter((s) => s.resolutionMs === HOUR);
    expect(hourly.length).toBeGreaterThan(0);
    expect(hourly.every((s) => s.maxLag === 40n)).toBe(true);
  });

  it('keeps series of different partitions and groups apart', () => {
    const at = NOW - 2 * DAY;
    const plan = planHistoryCompaction(
      [sample(at, 1, 2), sample(at + 1, 1, 2, { partition: 1 }), sample(at + 2, 1, 2, { groupId: 'other' })],
      NOW,
      DEFAULT_RETENTION_POLICY,
    );
    expect(plan.insert).toHaveLength(3);
  });

  it('accepts a custom policy and rejects one whose buckets do not nest', () => {
    const policy = [
      { maxAgeMs: HOUR, resolutionMs: 0 },
      { maxAgeMs: DAY, resolutionMs: 10 * MINUTE },
    ];
    const plan = planHistoryCompaction([sample(NOW - 2 * HOUR, 1, 2), sample(NOW - 2 * DAY, 1, 2)], NOW, policy);
    expect(plan.insert.map((s) => s.resolutionMs)).toEqual([10 * MINUTE]);
    expect(plan.remove).toHaveLength(2);
    expect(() =>
      assertRetentionPolicy([
        { maxAgeMs: HOUR, resolutionMs: 7 * MINUTE },
        { maxAgeMs: DAY, resolutionMs: 10 * MINUTE },
      ]),
    ).toThrow(/multiple/);
    expect(() => assertRetentionPolicy(DEFAULT_RETENTION_POLICY)).not.toThrow();
  });
});

describe('partition detail policy (the default for per-partition samples)', () => {
  it('keeps the 5-minute samples the worker writes for 6 h, then hourly buckets to 2 days: ~114 rows per series', () => {
    const twoDays = Array.from({ length: (2 * DAY) / (5 * MINUTE) }, (_, i) => sample(NOW - i * 5 * MINUTE - MINUTE, 0, i, { resolutionMs: 5 * MINUTE }));
    const compacted = compactHistory(twoDays, NOW);
    expect(compacted.filter((s) => s.resolutionMs === 5 * MINUTE)).toHaveLength(72);
    expect(compacted.filter((s) => s.resolutionMs === HOUR).length).toBeGreaterThanOrEqual(41);
    expect(compacted.length).toBeLessThanOrEqual(115);
    expect(compactHistory(compacted, NOW)).toEqual(compacted);
    expect(PARTITION_DETAIL_RETENTION_POLICY[0]).toEqual({ maxAgeMs: 6 * HOUR, resolutionMs: 5 * MINUTE });
  });
});

describe('buildLagRetentionPolicies', () => {
  it('builds both policies from the settings and refuses tiers that do not outlive the one before', () => {
    const { groups, partitions } = buildLagRetentionPolicies({
      groupRawHours: 2,
      group5MinDays: 2,
      groupHourlyDays: 90,
      partition5MinHours: 6,
      partitionHourlyDays: 2,
    });
    expect(groups).toEqual(GROUP_POLICY);
    expect(partitions).toEqual(PARTITION_DETAIL_RETENTION_POLICY);
    expect(() =>
      buildLagRetentionPolicies({ groupRawHours: 72, group5MinDays: 2, groupHourlyDays: 90, partition5MinHours: 6, partitionHourlyDays: 2 }),
    ).toThrow(/tier 1/);
  });
});

describe('planGroupPointCompaction', () => {
  const point = (at: number, totalLag: number, maxPartitionLag: number): GroupLagPoint => ({
    at,
    groupId: 'billing',
    totalLag: BigInt(totalLag),
    peakTotalLag: BigInt(totalLag),
    maxPartitionLag: BigInt(maxPartitionLag),
    partitionCount: 3,
    unknownLagPartitionCount: 0,
    dataLostPartitionCount: 0,
    resolutionMs: 0,
  });

  it('folds a bucket into its last totals and its peaks', () => {
    const start = Math.floor((NOW - DAY) / (5 * MINUTE)) * 5 * MINUTE;
    const points = [point(start, 100, 60), point(start + MINUTE, 900, 500), point(start + 2 * MINUTE, 200, 90)];
    const plan = planGroupPointCompaction(points, NOW);
    expect(plan.insert).toEqual([{ ...point(start + 2 * MINUTE, 200, 90), peakTotalLag: 900n, maxPartitionLag: 500n, resolutionMs: 5 * MINUTE }]);
    expect(applyCompactionPlan(points, plan)).toEqual(plan.insert);
  });

  it('keeps group points for 90 days (the long-term chart)', () => {
    const keep = [point(NOW - 89 * DAY, 1, 1)];
    expect(applyCompactionPlan(keep, planGroupPointCompaction(keep, NOW))).toMatchObject([{ totalLag: 1n, resolutionMs: HOUR }]);
    const expired = [point(NOW - 91 * DAY, 1, 1)];
    expect(planGroupPointCompaction(expired, NOW)).toEqual({ remove: expired, insert: [] });
  });
});
