import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseGroupRules } from '@/server/auth/group-rules';
import { syncOidcUser, type OidcAccessSettings } from '@/server/auth/oidc-user';
import { db } from '@/server/db';

const stamp = Date.now().toString(36);
const email = `oidc-${stamp}@example.com`;
const MixedCase = email.replace('oidc', 'OIDC');
const teamA = `grp-a-${stamp}`;
const teamB = `grp-b-${stamp}`;

const settings = (over: Partial<OidcAccessSettings> = {}): OidcAccessSettings => ({
  platformAdminEmails: [],
  platformAdminGroups: ['slipway-platform-admins'],
  groupRules: parseGroupRules('slipway-{team}-{role}s'),
  ...over,
});

beforeAll(async () => {
  await db.team.createMany({ data: [teamA, teamB].map((slug) => ({ slug, name: slug })) });
});
afterAll(async () => {
  const user = await db.user.findUnique({ where: { email } });
  if (user) {
    await db.auditLog.deleteMany({ where: { resourceId: user.id } });
    await db.user.delete({ where: { id: user.id } });
  }
  await db.team.deleteMany({ where: { slug: { in: [teamA, teamB] } } });
});

const auditOf = async (id: string, action: string) =>
  (await db.auditLog.findMany({ where: { resourceType: 'user', resourceId: id, action }, orderBy: { at: 'asc' } })).map((row) => JSON.parse(row.details));
const membershipsOf = async (id: string) =>
  (await db.membership.findMany({ where: { userId: id }, include: { team: true }, orderBy: { team: { slug: 'asc' } } })).map((m) => ({
    team: m.team.slug,
    role: m.role,
    source: m.source,
  }));

describe('an OIDC sign-in', () => {
  it('creates an ordinary user when neither the address nor a group is listed, and audits nothing', async () => {
    const { id, isPlatformAdmin } = await syncOidcUser({ email: MixedCase, name: 'Olive' }, settings({ platformAdminEmails: ['someone-else@example.com'] }));
    expect(isPlatformAdmin).toBe(false);
    expect(await db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ email, name: 'Olive', isPlatformAdmin: false });
    expect(await db.auditLog.count({ where: { resourceId: id } })).toBe(0);
  });

  it('follows SLIPWAY_PLATFORM_ADMINS at every sign-in, and audits each change', async () => {
    const granted = await syncOidcUser({ email, name: 'Olive' }, settings({ platformAdminEmails: [email] }));
    expect(granted.isPlatformAdmin).toBe(true);
    await syncOidcUser({ email, name: 'Olive Oak' }, settings({ platformAdminEmails: [email] }));
    const revoked = await syncOidcUser({ email, name: 'Olive Oak' }, settings());
    expect(revoked).toEqual({ id: granted.id, isPlatformAdmin: false });
    expect(await db.user.findUniqueOrThrow({ where: { id: granted.id } })).toMatchObject({ name: 'Olive Oak', isPlatformAdmin: false });
    expect([...(await auditOf(granted.id, 'admin.platform-admin.grant')), ...(await auditOf(granted.id, 'admin.platform-admin.revoke'))]).toEqual([
      { email, source: 'SLIPWAY_PLATFORM_ADMINS', from: false, to: true },
      { email, source: 'SLIPWAY_PLATFORM_ADMINS and SLIPWAY_PLATFORM_ADMIN_GROUPS', from: true, to: false },
    ]);
  });

  it('makes a member of an admin group a platform admin until they leave it', async () => {
    const inGroup = await syncOidcUser({ email, name: 'Olive', groups: ['slipway-platform-admins'] }, settings());
    expect(inGroup.isPlatformAdmin).toBe(true);
    expect((await auditOf(inGroup.id, 'admin.platform-admin.grant')).at(-1)).toMatchObject({ source: 'IdP group slipway-platform-admins' });
    expect((await syncOidcUser({ email, name: 'Olive', groups: [] }, settings())).isPlatformAdmin).toBe(false);
  });

  it('derives team memberships from the groups claim, replacing them at each sign-in', async () => {
    const { id } = await syncOidcUser(
      { email, name: 'Olive', groups: [`slipway-${teamA}-developers`, `slipway-${teamB}-viewers`, 'slipway-nosuchteam-admins'] },
      settings(),
    );
    expect(await membershipsOf(id)).toEqual([
      { team: teamA, role: 'developer', source: 'idp' },
      { team: teamB, role: 'viewer', source: 'idp' },
    ]);
    // Promoted in one team, gone from the other: the next sign-in says so.
    await syncOidcUser({ email, name: 'Olive', groups: [`slipway-${teamA}-admins`] }, settings());
    expect(await membershipsOf(id)).toEqual([{ team: teamA, role: 'admin', source: 'idp' }]);
    const changes = await auditOf(id, 'admin.membership.idp-sync');
    expect(changes).toEqual(
      expect.arrayContaining([
        { email, team: teamA, from: null, to: 'developer', group: `slipway-${teamA}-developers` },
        { email, team: teamB, from: null, to: 'viewer', group: `slipway-${teamB}-viewers` },
        { email, team: teamA, from: 'developer', to: 'admin', group: `slipway-${teamA}-admins` },
        { email, team: teamB, from: 'viewer', to: null, group: `slipway-${teamB}-viewers` },
      ]),
    );
    expect(changes).toHaveLength(4);
  });

  it("keeps an admin's local assignment whatever the groups say", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const teamBId = (await db.team.findUniqueOrThrow({ where: { slug: teamB } })).id;
    await db.membership.create({ data: { userId: user.id, teamId: teamBId, role: 'viewer', source: 'local' } });
    await syncOidcUser({ email, name: 'Olive', groups: [`slipway-${teamB}-admins`] }, settings());
    expect(await membershipsOf(user.id)).toEqual([{ team: teamB, role: 'viewer', source: 'local' }]);
  });
});
