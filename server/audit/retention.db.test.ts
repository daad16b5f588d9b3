import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { pruneAuditLog } from '@/server/audit/retention';

// The prune deletes every entry before its cut-off, so this test lives in the year 2000: its
// "now" puts the cut-off long before anything the other tests (or a real run) write.
const resourceType = `retention-${randomUUID().slice(0, 8)}`;
const now = new Date('2001-06-01T00:00:00Z');
const retentionDays = 400;
const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);

afterAll(async () => {
  await db.auditLog.deleteMany({ where: { resourceType } });
  await db.auditLog.deleteMany({ where: { action: 'audit.prune', details: { contains: cutoff.toISOString() } } });
});

async function write(count: number, from: Date, stepMs: number, label: string) {
  await db.auditLog.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      at: new Date(from.getTime() + i * stepMs),
      actorEmail: 'retention@example.com',
      action: 'test.retention',
      resourceType,
      resourceId: `${label}-${i}`,
      outcome: 'success',
      details: '{}',
    })),
  });
}

describe('audit log retention', () => {
  it('deletes entries older than the retention in batches, keeps younger ones, and audits the prune once', async () => {
    // 25 entries before the cut-off (the last one a millisecond before it), 10 at or after it.
    await write(25, new Date(cutoff.getTime() - 25 * 60_000 + 59_999), 60_000, 'old');
    await write(10, cutoff, 3_600_000, 'young');

    const result = await pruneAuditLog({ now, retentionDays, batchSize: 10 });
    expect(result).toEqual({ removed: 25, cutoff, batches: 3 });

    const left = await db.auditLog.findMany({ where: { resourceType }, select: { resourceId: true, at: true } });
    expect(left.map((r) => r.resourceId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `young-${i}`).sort());
    expect(left.every((r) => r.at >= cutoff)).toBe(true);

    const entries = await db.auditLog.findMany({ where: { action: 'audit.prune', details: { contains: cutoff.toISOString() } } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorEmail: 'system', actorId: null, teamId: null, resourceType: 'audit-log', outcome: 'success' });
    expect(JSON.parse(entries[0]!.details)).toEqual({ removed: 25, cutoff: cutoff.toISOString(), retentionDays, batches: 3 });
  });

  it('writes nothing when there is nothing to delete, and keeps every entry younger than the retention', async () => {
    const before = await db.auditLog.count({ where: { resourceType } });
    expect(await pruneAuditLog({ now, retentionDays, batchSize: 10 })).toEqual({ removed: 0, cutoff, batches: 0 });
    expect(await db.auditLog.count({ where: { resourceType } })).toBe(before);
    expect(await db.auditLog.count({ where: { action: 'audit.prune', details: { contains: cutoff.toISOString() } } })).toBe(1);
  });

  it('stops before the next batch once the worker is stopping (and audits nothing it did not remove)', async () => {
    await write(5, new Date(cutoff.getTime() - 10 * 60_000), 60_000, 'stopped');
    const controller = new AbortController();
    controller.abort();
    expect(await pruneAuditLog({ now, retentionDays, batchSize: 2, signal: controller.signal })).toMatchObject({ removed: 0 });
    expect(await db.auditLog.count({ where: { resourceType, resourceId: { startsWith: 'stopped-' } } })).toBe(5);
    expect(await db.auditLog.count({ where: { action: 'audit.prune', details: { contains: cutoff.toISOString() } } })).toBe(1);
  });
});
