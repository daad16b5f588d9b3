import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { getAbacSnapshot, listStaleAbacSnapshots, saveAbacSnapshot } from '@/server/abac/queries';
import { refreshAbacInventories } from '@/server/jobs/abac-inventory-refresher';
import { lambdaFunction, role } from '@/server/abac/test-support/scenario';

let targetId: string;
const name = `abac-db-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  targetId = (await db.awsTarget.create({ data: { name, accountId: '111122223333', regions: JSON.stringify(['us-east-1', 'eu-west-1']) } })).id;
});
afterAll(async () => {
  // Deleting the target deletes its snapshots (cascade).
  await db.awsTarget.delete({ where: { id: targetId } });
});

const falcon = role('falcon-dev', { 'project-name': 'falcon' });
const fn = lambdaFunction('falcon-api', { 'project-name': 'falcon' });

describe('stored ABAC inventories', () => {
  it('keeps only the latest read per target and region, and an older read does not replace a newer one', async () => {
    await saveAbacSnapshot({ targetId, region: 'us-east-1', readAt: '2026-12-06T01:00:00.000Z', principals: [], functions: [] });
    await saveAbacSnapshot({ targetId, region: 'us-east-1', readAt: '2026-12-06T02:00:00.000Z', principals: [falcon], functions: [fn] });
    await saveAbacSnapshot({ targetId, region: 'us-east-1', readAt: '2026-12-06T01:30:00.000Z', principals: [], functions: [] });
    await saveAbacSnapshot({ targetId, region: 'eu-west-1', readAt: '2026-12-06T00:00:00.000Z', principals: [], functions: [] });
    expect(await db.abacInventorySnapshot.count({ where: { targetId } })).toBe(2);
    const stored = await getAbacSnapshot(targetId, 'us-east-1');
    expect(stored).toEqual({ targetId, region: 'us-east-1', readAt: '2026-12-06T02:00:00.000Z', principals: [falcon], functions: [fn] });
    expect(await getAbacSnapshot(targetId, 'ap-south-1')).toBeNull();
  });

  it('lists the reads older than a time, oldest first, with the target’s name', async () => {
    const stale = (await listStaleAbacSnapshots(new Date('2026-12-06T01:59:00Z'))).filter((s) => s.targetId === targetId);
    expect(stale.map((s) => [s.region, s.targetName])).toEqual([['eu-west-1', name]]);
  });

  it('the worker reads the stale ones again and stores the new read; a failing target is counted and left as it was', async () => {
    const now = new Date('2026-12-06T02:10:00Z');
    const reads: string[] = [];
    const result = await refreshAbacInventories(new AbortController().signal, {
      maxAgeMs: 15 * 60_000,
      now,
      read: async (target, region) => {
        if (target.id !== targetId) throw new Error('another test’s target');
        reads.push(region);
        return { target, region, readAt: now.toISOString(), principals: [falcon], functions: [] };
      },
    });
    expect(reads).toEqual(['eu-west-1']);
    expect(result.refreshed).toBe(1);
    expect((await getAbacSnapshot(targetId, 'eu-west-1'))?.readAt).toBe(now.toISOString());
    expect((await getAbacSnapshot(targetId, 'us-east-1'))?.readAt).toBe('2026-12-06T02:00:00.000Z');

    const failing = await refreshAbacInventories(new AbortController().signal, {
      now: new Date('2026-12-06T05:00:00Z'),
      read: async (target) => {
        if (target.id === targetId) throw new Error('AccessDenied');
        throw new Error('another test’s target');
      },
    });
    expect(failing.failed).toBeGreaterThanOrEqual(2);
    expect((await getAbacSnapshot(targetId, 'eu-west-1'))?.readAt).toBe(now.toISOString());
  });
});
