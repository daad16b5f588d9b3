import { describe, expect, it } from 'vitest';

import { chooseChartBucketMs, toGroupHistoryPoints, toPartitionHistorySeries, toSparklines } from './history-view';
import type { GroupLagPoint, PartitionLagSample } from './lag-sample';

const MINUTE = 60_000;

const point = (at: number, totalLag: bigint, groupId = 'g'): GroupLagPoint => ({
  at,
  groupId,
  totalLag,
  peakTotalLag: totalLag,
  maxPartitionLag: totalLag,
  partitionCount: 1,
  unknownLagPartitionCount: 0,
  dataLostPartitionCount: 0,
  resolutionMs: 0,
});

const sample = (at: number, partition: number, lag: bigint | null): PartitionLagSample => ({
  at,
  groupId: 'g',
  topic: 'orders',
  partition,
  logStartOffset: 0n,
  logEndOffset: 100n,
  committedOffset: lag === null ? null : 100n - lag,
  lag,
  maxLag: lag,
  resolutionMs: 0,
});

describe('chart history', () => {
  it('keeps raw points when few, else picks the finest nice bucket under the limit', () => {
    expect(chooseChartBucketMs(60 * MINUTE, 120)).toBe(0);
    expect(chooseChartBucketMs(60 * MINUTE, 1800)).toBe(10_000);
    expect(chooseChartBucketMs(24 * 60 * MINUTE, 2880)).toBe(5 * MINUTE);
    expect(chooseChartBucketMs(30 * 24 * 60 * MINUTE, 5000)).toBe(3 * 60 * MINUTE);
  });

  it('buckets totals keeping the last value and the peak, as decimal strings', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const points = [point(t0, 5n), point(t0 + 10_000, 2n ** 60n), point(t0 + 20_000, 7n), point(t0 + MINUTE, 1n)];
    expect(toGroupHistoryPoints(points, MINUTE)).toEqual([
      { at: new Date(t0 + 20_000).toISOString(), totalLag: '7', peakTotalLag: '1152921504606846976', maxPartitionLag: '1152921504606846976' },
      { at: new Date(t0 + MINUTE).toISOString(), totalLag: '1', peakTotalLag: '1', maxPartitionLag: '1' },
    ]);
    expect(toGroupHistoryPoints(points, 0)).toHaveLength(4);
  });

  it('gives one series per partition, sorted, with unknown lag as null', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const series = toPartitionHistorySeries([sample(t0, 1, 3n), sample(t0, 0, null), sample(t0 + MINUTE, 0, 4n), sample(t0 + 10_000, 1, 9n)], MINUTE);
    expect(series).toEqual([
      {
        topic: 'orders',
        partition: 0,
        points: [
          { at: new Date(t0).toISOString(), lag: null, maxLag: null },
          { at: new Date(t0 + MINUTE).toISOString(), lag: '4', maxLag: '4' },
        ],
      },
      { topic: 'orders', partition: 1, points: [{ at: new Date(t0 + 10_000).toISOString(), lag: '9', maxLag: '9' }] },
    ]);
  });

  it('draws sparklines from each bucket’s peak, per group', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const lines = toSparklines([point(t0, 3n), point(t0 + 1000, 8n), point(t0 + 2000, 2n), point(t0, 1n, 'h')], MINUTE);
    expect(lines.get('g')).toEqual([{ at: new Date(t0 + 2000).toISOString(), totalLag: '8' }]);
    expect(lines.get('h')).toEqual([{ at: new Date(t0).toISOString(), totalLag: '1' }]);
  });
});
