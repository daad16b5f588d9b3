import { describe, expect, it } from 'vitest';

import type { GroupSnapshot, LagSnapshot } from './admin';
import { compactLagHistory, createLagMonitor } from './lag-monitor';
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

const HOUR = 60 * MINUTE;

/** orders-0: a live consumer stuck at 100 while 10 records/s arrive; orders-1: caught up. */
const stuck = (i: number) => snapshot(i * MINUTE, ['100', String(i * 10)], [String(100 + i * 600), String(i * 10)]);

describe('lag monitor', () => {
  it('judges status and time lag in the round and stores them as the group state and point', async () => {
    const store = createInMemoryLagSampleStore();
    const monitor = createLagMonitor(store, { windowSize: 5, stagger: false });
    for (let i = 0; i < 5; i++) await monitor.recordSnapshot('c1', stuck(i));
    const [first] = await store.listGroupStates('c1', { withPartitions: true });
    // the window still holds the lag-zero observation at t=0: commits are judged as keeping up
    expect(first).toMatchObject({ groupId: 'billing', sampledAt: 4 * MINUTE, status: 'OK', state: 'Stable', memberCount: 1, totalLag: 2400n });

    // a few more rounds without progress: the lag-zero observation at t=0 leaves the 5-observation window
    for (let i = 5; i < 8; i++) await monitor.recordSnapshot('c1', stuck(i));
    const [state] = await store.listGroupStates('c1', { withPartitions: true });
    expect(state).toMatchObject({ sampledAt: 7 * MINUTE, status: 'STALL', severity: 'error', topics: ['orders'], partitionCount: 2 });
    expect(state!.statusReason).toMatch(/^partition orders-0 is assigned to a live consumer but its committed offset stayed at 100/);
    // offset 100 was the end at t=0 and the end moved on by t=1 min: ~7 min behind at the round
    expect(state!.timeLagSeconds).toBeCloseTo(420, 0);
    expect(state!.partitions.map((p) => [p.partition, p.status, p.timeLagSeconds, p.committedOffset])).toEqual([
      [0, 'STALL', state!.timeLagSeconds, 100n],
      [1, 'OK', 0, 70n],
    ]);
    // the list reads states without their partitions
    expect((await store.listGroupStates('c1'))[0]!.partitions).toEqual([]);

    const points = await store.listGroupPoints('c1', 'billing', { since: 0 });
    expect(points).toHaveLength(8);
    expect(points.at(-1)).toMatchObject({ at: 7 * MINUTE, status: 'STALL', timeLagSeconds: state!.timeLagSeconds, resolutionMs: 0 });

    // per-partition samples once per 5-minute bucket, each with the largest lag since the one before
    const samples = await store.listGroupSamples('c1', 'billing', { since: 0 });
    expect(samples.map((s) => [s.at, s.partition, s.lag, s.maxLag, s.resolutionMs, s.hasActiveOwner])).toEqual([
      [0, 0, 0n, 0n, 5 * MINUTE, true],
      [0, 1, 0n, 0n, 5 * MINUTE, false],
      [5 * MINUTE, 0, 3000n, 3000n, 5 * MINUTE, true],
      [5 * MINUTE, 1, 0n, 0n, 5 * MINUTE, false],
    ]);
  });

  it("writes a new group's partition samples in the round that first sees it, not at the next bucket", async () => {
    const store = createInMemoryLagSampleStore();
    const monitor = createLagMonitor(store, { stagger: false });
    await monitor.recordSnapshot('c1', { takenAt: 0, durationMs: 1, groups: [], offsetsMethod: 'batched' });
    await monitor.recordSnapshot('c1', stuck(2));
    await monitor.recordSnapshot('c1', stuck(3));
    const samples = await store.listGroupSamples('c1', 'billing', { since: 0 });
    expect(samples.map((s) => [s.at, s.partition])).toEqual([
      [2 * MINUTE, 0],
      [2 * MINUTE, 1],
    ]);
  });

  it('staggers groups: after the first round each round writes a share of the partition samples and windows, not all at once', async () => {
    const store = createInMemoryLagSampleStore();
    const monitor = createLagMonitor(store);
    const many = (i: number): LagSnapshot => {
      const one = stuck(i).groups[0]!;
      const groups = Array.from({ length: 200 }, (_, g) => ({ ...one, groupId: `g-${g}`, lagInput: { ...one.lagInput, groupId: `g-${g}` } }));
      return { takenAt: i * MINUTE, durationMs: 1, groups, offsetsMethod: 'batched' };
    };
    const rounds = [];
    for (let i = 0; i < 11; i++) rounds.push(await monitor.recordSnapshot('c1', many(i)));
    expect(rounds[0]).toMatchObject({ partitionSamplesWritten: 400, windowsPersisted: 200 });
    const later = rounds.slice(1);
    // every group still gets one sample per partition and one window per 5 minutes...
    expect(later.slice(0, 5).reduce((n, r) => n + r.partitionSamplesWritten, 0)).toBe(400);
    expect(later.slice(0, 5).reduce((n, r) => n + r.windowsPersisted, 0)).toBe(200);
    // ...spread over the rounds rather than all in one
    expect(Math.max(...later.map((r) => r.partitionSamplesWritten))).toBeLessThan(200);
  });

  it('persists its windows, so a restarted worker judges as if it had not stopped', async () => {
    const store = createInMemoryLagSampleStore();
    const before = createLagMonitor(store, { windowSize: 5, windowPersistEveryMs: 0 });
    for (let i = 0; i < 7; i++) await before.recordSnapshot('c1', stuck(i));

    const restarted = createLagMonitor(store, { windowSize: 5 });
    await restarted.recordSnapshot('c1', stuck(7));
    const [state] = await store.listGroupStates('c1');
    expect(state).toMatchObject({ status: 'STALL' });
    expect(state!.timeLagSeconds).toBeCloseTo(420, 0);

    // without the persisted window, one observation is too few to judge a trend, and the time lag is a bare lower bound
    const forgetful = createLagMonitor(createInMemoryLagSampleStore(), { windowSize: 5 });
    const [fresh] = (await forgetful.recordSnapshot('c1', stuck(7))).states;
    expect(fresh).toMatchObject({ status: 'UNKNOWN', timeLagSeconds: 0, timeLagEstimated: true });
  });

  it('persists windows only every windowPersistEveryMs', async () => {
    const store = createInMemoryLagSampleStore();
    const monitor = createLagMonitor(store, { windowPersistEveryMs: 5 * MINUTE });
    const persisted: number[] = [];
    for (let i = 0; i < 11; i++) if ((await monitor.recordSnapshot('c1', stuck(i))).windowsPersisted > 0) persisted.push(i);
    // The first round, then once per 5 minutes (the slot is shifted by the group id, so groups take turns).
    expect(persisted[0]).toBe(0);
    expect(persisted).toHaveLength(3);
    expect(persisted[2]! - persisted[1]!).toBe(5);
    expect([...(await store.loadGroupWindows('c1')).keys()]).toEqual(['billing']);
  });

  it('compacts partition samples and group points with their own policies', async () => {
    const store = createInMemoryLagSampleStore();
    const monitor = createLagMonitor(store, { stagger: false });
    for (let i = 0; i < 10; i++) await monitor.recordSnapshot('c1', snapshot(i * MINUTE, ['0', '0'], [String(i), String(i)]));
    expect(await store.listGroupPoints('c1', 'billing', { since: 0 })).toHaveLength(10);
    expect(await store.listGroupSamples('c1', 'billing', { since: 0 })).toHaveLength(4);

    // 3 h later: group points (raw for 2 h) fold into 5-minute buckets with their peaks; the 5-minute
    // partition samples are already as coarse as their first tier
    expect(await compactLagHistory(store, 'c1', 3 * HOUR)).toEqual({ removed: 10, inserted: 2 });
    const points = await store.listGroupPoints('c1', 'billing', { since: 0 });
    expect(points.map((p) => [p.at, p.totalLag, p.peakTotalLag, p.resolutionMs])).toEqual([
      [4 * MINUTE, 8n, 8n, 5 * MINUTE],
      [9 * MINUTE, 18n, 18n, 5 * MINUTE],
    ]);
    expect(await compactLagHistory(store, 'c1', 3 * HOUR)).toEqual({ removed: 0, inserted: 0 });

    // 3 days later: partition samples are gone (2-day policy); group points are one hourly bucket
    await compactLagHistory(store, 'c1', 3 * 24 * HOUR);
    expect(await store.listGroupSamples('c1', 'billing', { since: 0 })).toEqual([]);
    const hourly = await store.listGroupPoints('c1', 'billing', { since: 0 });
    expect(hourly.map((p) => [p.at, p.totalLag, p.peakTotalLag, p.resolutionMs])).toEqual([[9 * MINUTE, 18n, 18n, HOUR]]);
  });

  it('forgets a deleted group at once and lets its stored state expire', async () => {
    const store = createInMemoryLagSampleStore();
    const monitor = createLagMonitor(store, { windowPersistEveryMs: 0 });
    await monitor.recordSnapshot('c1', stuck(0));
    const gone = await monitor.recordSnapshot('c1', { takenAt: MINUTE, durationMs: 1, groups: [], offsetsMethod: 'batched' });
    expect(gone).toMatchObject({ states: [], windowsPersisted: 0 });
    expect(await store.findLatestSampledAt('c1', 'billing')).toBe(0);
    expect(await store.expireGroupStates('c1', 0)).toEqual([]);
    expect([...(await store.loadGroupWindows('c1')).keys()]).toEqual(['billing']);
    expect(await store.expireGroupStates('c1', 1)).toEqual(['billing']);
    expect(await store.listGroupStates('c1')).toEqual([]);
    expect(await store.loadGroupWindows('c1')).toEqual(new Map());
  });
});
