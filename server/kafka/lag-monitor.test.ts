import { describe, expect, it } from 'vitest';

import type { GroupSnapshot, LagSnapshot } from './admin';
import { compactLagHistory, getGroupLagHealth, recordLagSnapshot } from './lag-monitor';
import { createInMemoryLagSampleStore } from './sample-store';

const MINUTE = 60_000;

/** A snapshot of group "billing" on orders-0 (owned by a live member) and orders-1 (unowned). */
function snapshot(takenAt: number, committed: [string, string], ends: [string, string]): LagSnapshot {
  const group: GroupSnapshot = {
    groupId: 'billing',
    state: 'Stable',
    protocolType: 'consumer',
    members: [{ memberId: 'm-1', clientId: 'billing-worker', host: '/10.0.0.7', assignments: [{ topic: 'orders', partitions: [0] }] }],
    lagInput: {
      groupId: 'billing',
      partitions: [
        { topic: 'orders', partition: 0, logStartOffset: '0', logEndOffset: ends[0], committedOffset: committed[0] },
        { topic: 'orders', partition: 1, logStartOffset: '0', logEndOffset: ends[1], committedOffset: committed[1] },
      ],
    },
    missingTopics: [],
  };
  return { takenAt, durationMs: 5, groups: [group], offsetsMethod: 'batched' };
}

describe('lag monitor', () => {
  it('records samples with ownership, then reports status and time lag from them', async () => {
    const store = createInMemoryLagSampleStore();
    // orders-0: a live consumer stuck at 100 while 10 records/s arrive; orders-1: caught up
    for (let i = 0; i < 5; i++) {
      const end0 = String(100 + i * 600);
      await recordLagSnapshot(store, 'c1', snapshot(i * MINUTE, ['100', String(i * 10)], [end0, String(i * 10)]));
    }
    const samples = await store.listGroupSamples('c1', 'billing', { since: 0 });
    expect(samples).toHaveLength(10);
    expect(samples.find((s) => s.partition === 0)).toMatchObject({ hasActiveOwner: true, lag: 0n, resolutionMs: 0 });
    expect(samples.find((s) => s.partition === 1)?.hasActiveOwner).toBe(false);

    const health = await getGroupLagHealth(store, 'c1', 'billing', 5 * MINUTE);
    expect(health.status).toMatchObject({ status: 'OK' });

    // a few more rounds without progress: the lag-zero sample at t=0 leaves the 5-sample window
    for (let i = 5; i < 8; i++) {
      await recordLagSnapshot(store, 'c1', snapshot(i * MINUTE, ['100', String(i * 10)], [String(100 + i * 600), String(i * 10)]));
    }
    const later = await getGroupLagHealth(store, 'c1', 'billing', 8 * MINUTE, { windowSize: 5 });
    expect(later.status).toMatchObject({ status: 'STALL', severity: 'error' });
    expect(later.status.reason).toMatch(/^partition orders-0 is assigned to a live consumer but its committed offset stayed at 100/);
    // offset 100 was the end at t=0 and the end moved on by t=1 min: ~8 min behind
    expect(later.timeLag.maxSecondsBehind).toBeCloseTo(480, 0);
    expect(later.timeLag.partitions.find((p) => p.partition === 1)?.secondsBehind).toBe(0);
  });

  it('compacts partition detail and group points with their own policies', async () => {
    const store = createInMemoryLagSampleStore();
    const HOUR = 60 * MINUTE;
    for (let i = 0; i < 10; i++) {
      await recordLagSnapshot(store, 'c1', snapshot(i * MINUTE, ['0', '0'], [String(i), String(i)]));
    }
    expect(await store.listGroupPoints('c1', 'billing', { since: 0 })).toHaveLength(10);

    // 3 h later: partition samples (raw for 1 h) fold into 5-minute buckets; group points (raw for 24 h) stay
    const result = await compactLagHistory(store, 'c1', 3 * HOUR);
    expect(result).toEqual({ removed: 20, inserted: 4 });
    const kept = await store.listGroupSamples('c1', 'billing', { since: 0 });
    expect(kept.map((s) => [s.partition, s.at, s.maxLag, s.resolutionMs])).toEqual([
      [0, 4 * MINUTE, 4n, 5 * MINUTE],
      [1, 4 * MINUTE, 4n, 5 * MINUTE],
      [0, 9 * MINUTE, 9n, 5 * MINUTE],
      [1, 9 * MINUTE, 9n, 5 * MINUTE],
    ]);
    expect(await store.listGroupPoints('c1', 'billing', { since: 0 })).toHaveLength(10);
    expect(await compactLagHistory(store, 'c1', 3 * HOUR)).toEqual({ removed: 0, inserted: 0 });

    // 3 days later: partition detail is gone (2-day policy); group points are 5-minute buckets with peaks
    await compactLagHistory(store, 'c1', 3 * 24 * HOUR);
    expect(await store.listGroupSamples('c1', 'billing', { since: 0 })).toEqual([]);
    const points = await store.listGroupPoints('c1', 'billing', { since: 0 });
    expect(points.map((p) => [p.at, p.totalLag, p.peakTotalLag, p.resolutionMs])).toEqual([
      [4 * MINUTE, 8n, 8n, 5 * MINUTE],
      [9 * MINUTE, 18n, 18n, 5 * MINUTE],
    ]);
  });
});
