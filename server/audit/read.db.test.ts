import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { recordAudit } from '@/server/audit/queries';
import { exportAuditJsonLines, readAuditPage } from '@/server/audit/read';
import type { Actor } from '@/server/auth/actor';
import type { AuditEntryDto } from '@/lib/audit/dto';
import { testActor } from '@/server/test-support/actors';

const suffix = randomUUID().slice(0, 8);
const actorOf = (name: string, extra: Partial<Actor> = {}): Actor => testActor(name, suffix, extra);
let falcon: { id: string; slug: string };
let eagle: { id: string; slug: string };
const admin = actorOf('admin', { isPlatformAdmin: true });
let falconAdmin: Actor;
let falconDev: Actor;
const resourceType = `rt-${suffix}`;

beforeAll(async () => {
  falcon = await db.team.create({ data: { slug: `falcon-${suffix}`, name: 'Falcon' }, select: { id: true, slug: true } });
  eagle = await db.team.create({ data: { slug: `eagle-${suffix}`, name: 'Eagle' }, select: { id: true, slug: true } });
  falconAdmin = actorOf('fadmin', { teams: [{ id: falcon.id, slug: falcon.slug, name: 'Falcon', role: 'admin' }] });
  falconDev = actorOf('fdev', { teams: [{ id: falcon.id, slug: falcon.slug, name: 'Falcon', role: 'developer' }] });
  // 30 entries a second apart: falcon's and eagle's by two actors, one in five refused.
  const base = Date.parse('2026-12-01T00:00:00Z');
  for (let i = 0; i < 30; i++) {
    await db.auditLog.create({
      data: {
        at: new Date(base + i * 1000),
        actorEmail: i % 2 ? admin.email : falconAdmin.email,
        teamId: i % 3 ? falcon.id : eagle.id,
        action: i % 2 ? 'target.update' : 'tenancy.assignment.create',
        resourceType,
        resourceId: `r${i}`,
        outcome: i % 5 ? 'success' : 'refused',
        details: '{}',
      },
    });
  }
});

afterAll(async () => {
  await db.auditLog.deleteMany({ where: { resourceType } });
  await db.team.deleteMany({ where: { id: { in: [falcon.id, eagle.id] } } });
});

async function readAll(actor: Actor, filter: Record<string, string>, limit: number): Promise<AuditEntryDto[]> {
  const out: AuditEntryDto[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await readAuditPage(actor, { resourceType, ...filter, limit, cursor });
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    out.push(...page.entries);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('reading the audit log', () => {
  it('pages newest first through every entry exactly once', async () => {
    const entries = await readAll(admin, {}, 7);
    expect(entries.map((e) => e.resourceId)).toEqual(Array.from({ length: 30 }, (_, i) => `r${29 - i}`));
  });

  it('filters by actor, action family, outcome, team and time range on the server', async () => {
    expect((await readAll(admin, { actor: admin.email }, 50)).every((e) => e.actorEmail === admin.email)).toBe(true);
    expect((await readAll(admin, { action: 'target.*' }, 50)).map((e) => e.action)).toEqual(Array(15).fill('target.update'));
    expect((await readAll(admin, { outcome: 'refused' }, 50)).map((e) => e.resourceId)).toEqual(['r25', 'r20', 'r15', 'r10', 'r5', 'r0']);
    expect((await readAll(admin, { team: eagle.slug }, 50)).every((e) => e.teamId === eagle.id)).toBe(true);
    const range = await readAll(admin, { from: '2026-12-01T00:00:10Z', to: '2026-12-01T00:00:13Z' }, 50);
    expect(range.map((e) => e.resourceId)).toEqual(['r12', 'r11', 'r10']);
  });

  it('shows team admins only their teams, refuses other teams by name, and refuses non-admins', async () => {
    const mine = await readAll(falconAdmin, {}, 50);
    expect(mine.length).toBe(20);
    expect(mine.every((e) => e.teamId === falcon.id)).toBe(true);
    await expect(readAuditPage(falconAdmin, { resourceType, team: eagle.slug, limit: 10 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(readAuditPage(falconDev, { limit: 10 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportAuditJsonLines(falconDev, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a cursor it did not give out', async () => {
    await expect(readAuditPage(admin, { limit: 10, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { cursor: expect.any(Array) },
    });
  });

  it('exports the same entries as JSON lines', async () => {
    const stream = await exportAuditJsonLines(falconAdmin, { resourceType, outcome: 'success' });
    const text = await new Response(stream).text();
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntryDto);
    expect(lines.map((e) => e.id)).toEqual((await readAll(falconAdmin, { outcome: 'success' }, 500)).map((e) => e.id));
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('recording admin changes', () => {
  it('keeps a secret’s change only in its own words and masks anything else under a secret name', async () => {
    const resourceId = `secret-${suffix}`;
    await recordAudit({
      actor: admin,
      action: 'target.update',
      resourceType,
      resourceId,
      outcome: 'success',
      changes: { externalId: { from: 'set', to: 'replaced' }, password: { from: 'old-pass', to: 'new-pass' }, regions: { from: ['a'], to: ['b'] } },
    });
    const row = await db.auditLog.findFirstOrThrow({ where: { resourceId } });
    expect(JSON.parse(row.details)).toEqual({
      changes: { externalId: { from: 'set', to: 'replaced' }, password: '****', regions: { from: ['a'], to: ['b'] } },
    });
  });
});
