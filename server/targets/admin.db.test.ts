import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { editTarget, registerTarget, removeTarget } from '@/server/targets/admin';
import { getTargetById, noteTargetAnswered, recordTargetCheck, resolveTargetRef } from '@/server/targets/queries';
import type { Actor } from '@/server/auth/actor';

const suffix = randomUUID().slice(0, 8);
const SECRET = `ext-${suffix}-first`;
const NEW_SECRET = `ext-${suffix}-second`;
const admin: Actor = { userId: `admin-${suffix}`, email: `admin-${suffix}@example.com`, name: 'Admin', isPlatformAdmin: true, teams: [], via: 'session' };
let teamA: { id: string; slug: string };
let teamB: { id: string; slug: string };

beforeAll(async () => {
  teamA = await db.team.create({ data: { slug: `ta-${suffix}`, name: 'A' }, select: { id: true, slug: true } });
  teamB = await db.team.create({ data: { slug: `tb-${suffix}`, name: 'B' }, select: { id: true, slug: true } });
});

afterAll(async () => {
  await db.auditLog.deleteMany({ where: { actorEmail: admin.email } });
  await db.awsTarget.deleteMany({ where: { name: { startsWith: `edit-${suffix}` } } });
  await db.team.deleteMany({ where: { id: { in: [teamA.id, teamB.id] } } });
});

const register = (name: string) =>
  registerTarget(admin, {
    name: `edit-${suffix}-${name}`,
    accountId: '111122223333',
    regions: ['eu-west-1'],
    roleArn: 'arn:aws:iam::111122223333:role/deployer',
    externalId: SECRET,
    teamIds: [teamA.id],
  });

const auditOf = async (id: string, action: string) => {
  const rows = await db.auditLog.findMany({ where: { resourceId: id, action }, orderBy: { at: 'asc' } });
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
};

describe('editing a target', () => {
  it('changes only the fields sent, keeps a blank external id, and audits old → new with the secret as "replaced"', async () => {
    const target = await register('a');
    const edited = await editTarget(admin, target.id, { regions: ['eu-west-1', 'eu-central-1'], teamIds: [teamB.id], externalId: '' });
    expect(edited).toMatchObject({ regions: ['eu-west-1', 'eu-central-1'], teamIds: [teamB.id], hasExternalId: true, roleArn: target.roleArn });
    expect((await resolveTargetRef(edited, 'eu-west-1')).externalId).toBe(SECRET);

    await editTarget(admin, target.id, { externalId: NEW_SECRET, roleArn: 'arn:aws:iam::111122223333:role/deployer-2' });
    expect((await resolveTargetRef(await getTargetById(target.id), 'eu-west-1')).externalId).toBe(NEW_SECRET);

    const [first, second] = await auditOf(target.id, 'target.update');
    expect(first!.details.changes).toEqual({
      regions: { from: ['eu-west-1'], to: ['eu-west-1', 'eu-central-1'] },
      teams: { from: [teamA.slug], to: [teamB.slug] },
    });
    expect(second!.details.changes).toEqual({
      roleArn: { from: 'arn:aws:iam::111122223333:role/deployer', to: 'arn:aws:iam::111122223333:role/deployer-2' },
      externalId: { from: 'set', to: 'replaced' },
    });
    const created = await auditOf(target.id, 'target.create');
    expect(created[0]!.details.changes).toMatchObject({ name: { from: null, to: target.name }, externalId: { from: 'not set', to: 'set' } });
    const everything = JSON.stringify(await db.auditLog.findMany({ where: { resourceId: target.id } }));
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(NEW_SECRET);
  });

  it('removes the external id only when asked with null, and writes no entry for an edit that changes nothing', async () => {
    const target = await register('b');
    await editTarget(admin, target.id, { regions: ['eu-west-1'] });
    expect(await auditOf(target.id, 'target.update')).toEqual([]);
    const cleared = await editTarget(admin, target.id, { externalId: null });
    expect(cleared.hasExternalId).toBe(false);
    expect((await db.awsTarget.findUniqueOrThrow({ where: { id: target.id } })).externalIdEncrypted).toBeNull();
    expect((await auditOf(target.id, 'target.update'))[0]!.details.changes).toEqual({ externalId: { from: 'set', to: 'cleared' } });
  });

  it('refuses team ids that name no team, naming the field, and leaves the target as it was', async () => {
    const target = await register('c');
    await expect(editTarget(admin, target.id, { teamIds: [teamB.id, 'no-such-team'] })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { teamIds: ['names no team: no-such-team'] },
    });
    expect((await getTargetById(target.id)).teamIds).toEqual([teamA.id]);
  });

  it('refuses anyone but a platform admin, before looking at the target', async () => {
    const teamAdmin: Actor = { ...admin, isPlatformAdmin: false, teams: [{ id: teamA.id, slug: teamA.slug, name: 'A', role: 'admin' }] };
    await expect(editTarget(teamAdmin, 'no-such-target', { regions: ['eu-west-1'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('audits a removal with what the target was', async () => {
    const target = await register('d');
    await removeTarget(admin, target.id);
    const [entry] = await auditOf(target.id, 'target.delete');
    expect(entry!.details.changes).toMatchObject({
      regions: { from: ['eu-west-1'], to: null },
      teams: { from: [teamA.slug], to: null },
      externalId: { from: 'set', to: 'cleared' },
    });
  });
});

describe('when a target last answered', () => {
  it('stores a test’s success and failure, and a failure keeps the last success', async () => {
    const target = await register('e');
    const ok = await recordTargetCheck(target.id, { ok: true }, new Date('2026-12-06T10:00:00Z'));
    expect(ok).toMatchObject({ lastAnsweredAt: '2026-12-06T10:00:00.000Z', lastCheckedAt: '2026-12-06T10:00:00.000Z', lastError: null });
    const failed = await recordTargetCheck(target.id, { ok: false, error: 'Access denied (AccessDenied)' }, new Date('2026-12-06T10:05:00Z'));
    expect(failed).toMatchObject({
      lastAnsweredAt: '2026-12-06T10:00:00.000Z',
      lastCheckedAt: '2026-12-06T10:05:00.000Z',
      lastError: 'Access denied (AccessDenied)',
    });
  });

  it('notes launch-time answers at most once a minute', async () => {
    const target = await register('f');
    const t0 = new Date('2026-12-06T11:00:00Z');
    await noteTargetAnswered(target.id, t0);
    await noteTargetAnswered(target.id, new Date(t0.getTime() + 30_000));
    expect((await getTargetById(target.id)).lastAnsweredAt).toBe(t0.toISOString());
    const later = new Date(t0.getTime() + 61_000);
    await noteTargetAnswered(target.id, later);
    expect((await getTargetById(target.id)).lastAnsweredAt).toBe(later.toISOString());
  });
});
