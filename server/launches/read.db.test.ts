import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { listLaunchFilterOptions, listLaunches } from '@/server/launches/read';
import { launchListSchema, type LaunchListQuery } from '@/lib/schemas/launches';
import type { Actor } from '@/server/auth/actor';
import type { LaunchSummaryDto } from '@/lib/launches/dto';
import { testActor } from '@/server/test-support/actors';

const suffix = randomUUID().slice(0, 8);
const bpA = `bp-a-${suffix}`;
const bpB = `bp-b-${suffix}`;
let falcon: { id: string; slug: string };
let eagle: { id: string; slug: string };
let targetId: string;
let creatorId: string;
let otherCreatorId: string;
const actorOf = (name: string, extra: Partial<Actor> = {}): Actor => testActor(name, suffix, extra);
let falconDev: Actor;
let eagleDev: Actor;
const admin = actorOf('admin', { isPlatformAdmin: true });

type Seeded = { id: string; teamId: string; createdAt: Date; status: string; blueprintSlug: string; createdById: string };
const seeded: Seeded[] = [];

beforeAll(async () => {
  falcon = await db.team.create({ data: { slug: `falcon-${suffix}`, name: 'Falcon' }, select: { id: true, slug: true } });
  eagle = await db.team.create({ data: { slug: `eagle-${suffix}`, name: 'Eagle' }, select: { id: true, slug: true } });
  targetId = (await db.awsTarget.create({ data: { name: `t-${suffix}`, accountId: '111122223333', regions: '["us-east-1"]' } })).id;
  creatorId = (await db.user.create({ data: { email: `dev-${suffix}@example.com`, name: 'Dev' } })).id;
  otherCreatorId = (await db.user.create({ data: { email: `other-${suffix}@example.com`, name: 'Other' } })).id;
  falconDev = actorOf('fdev', { userId: creatorId, teams: [{ id: falcon.id, slug: falcon.slug, name: 'Falcon', role: 'developer' }] });
  eagleDev = actorOf('edev', { teams: [{ id: eagle.id, slug: eagle.slug, name: 'Eagle', role: 'developer' }] });
  // 30 launches: three in four falcon's, the rest eagle's; every third minute holds three launches at
  // once (ties broken by id); some deleted, one discarded preview, two blueprints, two creators.
  const base = Date.parse('2026-11-01T00:00:00Z');
  for (let i = 0; i < 30; i++) {
    const teamId = i % 4 === 3 ? eagle.id : falcon.id;
    const status = i === 6 ? 'DISCARDED' : i % 5 === 0 ? 'DELETED' : i % 6 === 1 ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE';
    const row = await db.launch.create({
      data: {
        teamId,
        createdById: i % 3 ? creatorId : otherCreatorId,
        targetId,
        region: 'us-east-1',
        stackName: `stack-${suffix}-${i}`,
        blueprintSlug: i % 2 ? bpA : bpB,
        blueprintVersion: '1.0.0',
        status,
        requestHash: `h-${suffix}-${i}`,
        clientRequestToken: `tok-${suffix}-${i}`,
        createdAt: new Date(base + Math.floor(i / 3) * 60_000),
      },
      select: { id: true, teamId: true, createdAt: true, status: true, blueprintSlug: true, createdById: true },
    });
    seeded.push(row);
  }
});

afterAll(async () => {
  await db.launch.deleteMany({ where: { targetId } });
  await db.awsTarget.deleteMany({ where: { id: targetId } });
  await db.user.deleteMany({ where: { id: { in: [creatorId, otherCreatorId] } } });
  await db.team.deleteMany({ where: { id: { in: [falcon.id, eagle.id] } } });
});

/** Newest first by (createdAt, id), as the API promises. */
const newestFirst = (rows: Seeded[]) =>
  [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((r) => r.id);

const query = (q: Record<string, unknown>): LaunchListQuery => launchListSchema.parse(q);

async function walk(actor: Actor, q: Record<string, unknown>, limit: number): Promise<LaunchSummaryDto[]> {
  const out: LaunchSummaryDto[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listLaunches(actor, query({ ...q, limit: String(limit), cursor }));
    expect(page.launches.length).toBeLessThanOrEqual(limit);
    out.push(...page.launches);
    if (!page.nextCursor) return out;
    expect(page.launches).toHaveLength(limit);
    cursor = page.nextCursor;
  }
  throw new Error('the pages never ended');
}

describe('the launches list, paged on the server', () => {
  it('walks every launch of the team once, newest first with ties broken by id, and ends with a null cursor', async () => {
    const expected = newestFirst(seeded.filter((r) => r.teamId === falcon.id && !['DELETED', 'DISCARDED'].includes(r.status)));
    for (const limit of [1, 4, 7, 200]) expect((await walk(falconDev, {}, limit)).map((l) => l.id)).toEqual(expected);
    const first = await listLaunches(falconDev, query({}));
    expect(first).toMatchObject({ nextCursor: null });
    expect(first.launches[0]).toMatchObject({ team: { id: falcon.id, slug: falcon.slug }, target: { id: targetId }, createdBy: `dev-${suffix}@example.com` });
  });

  it('keeps the filters on every page: blueprint, status, target, scope mine, deleted and discarded launches', async () => {
    const falconRows = seeded.filter((r) => r.teamId === falcon.id);
    const cases: [Record<string, unknown>, Seeded[]][] = [
      [{ blueprint: bpA }, falconRows.filter((r) => r.blueprintSlug === bpA && !['DELETED', 'DISCARDED'].includes(r.status))],
      [{ blueprint: bpB, includeDeleted: 'true' }, falconRows.filter((r) => r.blueprintSlug === bpB && r.status !== 'DISCARDED')],
      [{ status: 'DELETED' }, falconRows.filter((r) => r.status === 'DELETED')],
      [{ status: 'DISCARDED' }, falconRows.filter((r) => r.status === 'DISCARDED')],
      [{ target: targetId, status: 'UPDATE_COMPLETE' }, falconRows.filter((r) => r.status === 'UPDATE_COMPLETE')],
      [{ scope: 'mine', includeDeleted: 'true' }, falconRows.filter((r) => r.createdById === creatorId && r.status !== 'DISCARDED')],
    ];
    for (const [filter, rows] of cases) {
      expect(rows.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(
        (await walk(falconDev, filter, 3)).map((l) => l.id),
        JSON.stringify(filter),
      ).toEqual(newestFirst(rows));
    }
  });

  it('never shows another team’s launches, on any page or with any cursor', async () => {
    const eagleIds = new Set(seeded.filter((r) => r.teamId === eagle.id).map((r) => r.id));
    const falconSeen = await walk(falconDev, { includeDeleted: 'true' }, 2);
    expect(falconSeen.filter((l) => eagleIds.has(l.id))).toEqual([]);
    expect(new Set(falconSeen.map((l) => l.team.id))).toEqual(new Set([falcon.id]));
    const eagleSeen = await walk(eagleDev, { includeDeleted: 'true' }, 2);
    expect(eagleSeen.map((l) => l.id)).toEqual(newestFirst(seeded.filter((r) => r.teamId === eagle.id && r.status !== 'DISCARDED')));
    // A cursor taken from falcon's pages gives eagle only eagle's older launches.
    const falconCursor = (await listLaunches(falconDev, query({ limit: '2' }))).nextCursor!;
    const fromThere = await listLaunches(eagleDev, query({ cursor: falconCursor, includeDeleted: 'true' }));
    expect(fromThere.launches.every((l) => l.team.id === eagle.id)).toBe(true);
    await expect(listLaunches(eagleDev, query({ scope: 'all' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Platform admins see both teams, paged the same way.
    const both = await walk(admin, { scope: 'all', blueprint: bpA, includeDeleted: 'true' }, 4);
    expect(both.map((l) => l.id)).toEqual(newestFirst(seeded.filter((r) => r.blueprintSlug === bpA && r.status !== 'DISCARDED')));
  });

  it('continues where it left off when newer launches arrive between pages', async () => {
    const first = await listLaunches(falconDev, query({ limit: '5' }));
    const late = await db.launch.create({
      data: {
        teamId: falcon.id,
        createdById: creatorId,
        targetId,
        region: 'us-east-1',
        stackName: `stack-${suffix}-late`,
        blueprintSlug: bpA,
        blueprintVersion: '1.0.0',
        status: 'CREATE_COMPLETE',
        requestHash: `h-${suffix}-late`,
        clientRequestToken: `tok-${suffix}-late`,
      },
    });
    try {
      const seen = [...first.launches];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await listLaunches(falconDev, query({ limit: '5', cursor }));
        seen.push(...page.launches);
        cursor = page.nextCursor;
      }
      const expected = newestFirst(seeded.filter((r) => r.teamId === falcon.id && !['DELETED', 'DISCARDED'].includes(r.status)));
      expect(seen.map((l) => l.id)).toEqual(expected);
      expect((await listLaunches(falconDev, query({ limit: '1' }))).launches[0]!.id).toBe(late.id);
    } finally {
      await db.launch.delete({ where: { id: late.id } });
    }
  });

  it('refuses a cursor it did not give out, naming the field', async () => {
    for (const cursor of [
      'bm90LWEtY3Vyc29y',
      Buffer.from('2026-11-01T00:00:00.000Z|a b').toString('base64url'),
      Buffer.from('yesterday|abc').toString('base64url'),
    ]) {
      await expect(listLaunches(falconDev, query({ cursor }))).rejects.toMatchObject({ code: 'VALIDATION', fields: { cursor: [expect.any(String)] } });
    }
  });

  it('offers as filter values every blueprint, status and target in scope, not only the first page', async () => {
    const options = await listLaunchFilterOptions(falconDev, query({ limit: '1' }));
    expect(options.blueprints).toEqual([bpA, bpB].sort());
    expect(options.statuses).toEqual(['CREATE_COMPLETE', 'UPDATE_COMPLETE']);
    expect(options.targets).toEqual([[targetId, `t-${suffix}`]]);
    expect((await listLaunchFilterOptions(falconDev, query({ includeDeleted: 'true' }))).statuses).toEqual(['CREATE_COMPLETE', 'DELETED', 'UPDATE_COMPLETE']);
  });
});
