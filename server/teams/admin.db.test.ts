import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/server/db';
import type { Actor } from '@/server/auth/actor';
import { addTeamMember, archiveTeam, changeMemberRole, createTeam, listTeamMembers, removeTeamMember, renameTeam, setRequiredTags } from './admin';
import { findTeam, listTeamsForActor } from './queries';

// Teams administration against the real database: who may do what, IdP memberships left alone,
// archiving refused while launches live, and an audit entry with old -> new for every change.

const run = randomUUID().slice(0, 8);
const slug = (name: string) => `${name}-${run}`;
const emails = { admin: `admin-${run}@example.com`, member: `member-${run}@example.com`, idp: `idp-${run}@example.com` };
const users: Record<keyof typeof emails, string> = { admin: '', member: '', idp: '' };
let otherTeamId = '';
let targetId = '';

const platformAdmin = (): Actor => ({ userId: users.admin, email: emails.admin, name: 'Admin', isPlatformAdmin: true, via: 'session', teams: [] });
const inTeam = (teamId: string, role: 'viewer' | 'developer' | 'admin'): Actor => ({
  userId: users.member,
  email: emails.member,
  name: 'Member',
  isPlatformAdmin: false,
  via: 'session',
  teams: [{ id: teamId, slug: 'x', name: 'x', role }],
});

const auditOf = async (resourceId: string, action: string) =>
  (await db.auditLog.findMany({ where: { resourceId, action }, orderBy: { at: 'asc' } })).map((r) => ({ actor: r.actorEmail, details: JSON.parse(r.details) }));

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (err: { code?: string; message: string }) => `${err.code}: ${err.message}`,
  );

beforeAll(async () => {
  for (const key of Object.keys(emails) as (keyof typeof emails)[]) {
    users[key] = (await db.user.create({ data: { email: emails[key], name: key } })).id;
  }
  otherTeamId = (await db.team.create({ data: { slug: slug('other'), name: 'Other' } })).id;
  targetId = (await db.awsTarget.create({ data: { name: `target-${run}`, accountId: '123456789012', regions: '["us-east-1"]' } })).id;
});

afterAll(async () => {
  const teams = await db.team.findMany({ where: { slug: { endsWith: run } }, select: { id: true } });
  const teamIds = teams.map((t) => t.id);
  await db.auditLog.deleteMany({ where: { teamId: { in: teamIds } } });
  await db.launch.deleteMany({ where: { teamId: { in: teamIds } } });
  await db.team.deleteMany({ where: { id: { in: teamIds } } });
  await db.user.deleteMany({ where: { email: { in: Object.values(emails) } } });
  await db.awsTarget.deleteMany({ where: { id: targetId } });
});

describe('teams', () => {
  it('are created by platform admins only, with unique slugs, and audited', async () => {
    expect(await codeOf(createTeam(inTeam(otherTeamId, 'admin'), { slug: slug('heron'), name: 'Heron' }))).toBe(
      'FORBIDDEN: Only platform admins can create teams.',
    );
    const team = await createTeam(platformAdmin(), { slug: slug('heron'), name: 'Heron' });
    expect(team).toMatchObject({ slug: slug('heron'), name: 'Heron', requiredTags: [], archivedAt: null });
    expect(await codeOf(createTeam(platformAdmin(), { slug: slug('heron'), name: 'Again' }))).toMatch(/^CONFLICT: There is already a team with the slug/);
    expect(await auditOf(team.id, 'team.create')).toEqual([
      { actor: emails.admin, details: { changes: { slug: { from: null, to: slug('heron') }, name: { from: null, to: 'Heron' } } } },
    ]);
  });

  it('are renamed by platform admins, the audit saying from what to what', async () => {
    const team = await createTeam(platformAdmin(), { slug: slug('rename'), name: 'Before' });
    expect(await codeOf(renameTeam(inTeam(team.id, 'admin'), team.id, { name: 'x' }))).toMatch(/^FORBIDDEN/);
    expect(await renameTeam(platformAdmin(), team.slug, { name: 'After' })).toMatchObject({ name: 'After' });
    await renameTeam(platformAdmin(), team.id, { name: 'After' });
    expect(await auditOf(team.id, 'team.rename')).toEqual([
      { actor: emails.admin, details: { team: team.slug, changes: { name: { from: 'Before', to: 'After' } } } },
    ]);
  });

  it('are not archived while a launch lives, and the refusal names it; once archived they leave the lists but stay readable', async () => {
    const team = await createTeam(platformAdmin(), { slug: slug('archive'), name: 'Archive' });
    const launch = (stackName: string, status: string) =>
      db.launch.create({
        data: {
          teamId: team.id,
          createdById: users.admin,
          targetId,
          region: 'us-east-1',
          stackName,
          blueprintSlug: 'x',
          blueprintVersion: '1.0.0',
          status,
          requestHash: randomUUID(),
          clientRequestToken: randomUUID(),
        },
      });
    await launch(`gone-${run}`, 'DELETED');
    await launch(`never-${run}`, 'FAILED_TO_START');
    const live = await launch(`live-${run}`, 'UPDATE_ROLLBACK_COMPLETE');
    const refusal = await archiveTeam(platformAdmin(), team.id).catch((err: { code: string; message: string; details: unknown }) => err);
    expect(refusal).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`has 1 live launch: live-${run} (UPDATE_ROLLBACK_COMPLETE)`),
      details: { liveLaunches: [{ id: live.id, stackName: `live-${run}`, status: 'UPDATE_ROLLBACK_COMPLETE' }] },
    });
    expect((await findTeam(team.id))?.archivedAt).toBeNull();

    await db.launch.update({ where: { id: live.id }, data: { status: 'DELETED' } });
    const archived = await archiveTeam(platformAdmin(), team.id);
    expect(archived.archivedAt).not.toBeNull();
    expect((await listTeamsForActor(platformAdmin())).map((t) => t.slug)).not.toContain(team.slug);
    expect((await listTeamsForActor(platformAdmin(), { includeArchived: true })).map((t) => t.slug)).toContain(team.slug);
    expect(await db.launch.count({ where: { teamId: team.id } })).toBe(3);
    expect(await auditOf(team.id, 'team.archive')).toEqual([
      { actor: emails.admin, details: { team: team.slug, changes: { archivedAt: { from: null, to: archived.archivedAt } } } },
    ]);
    expect(await codeOf(addTeamMember(platformAdmin(), team.id, { email: emails.member, role: 'viewer' }))).toMatch(/^CONFLICT: Team .* is archived/);
  });
});

describe('members', () => {
  it('are listed with where each came from, to team and platform admins only', async () => {
    const team = await createTeam(platformAdmin(), { slug: slug('members'), name: 'Members' });
    await db.membership.create({ data: { teamId: team.id, userId: users.idp, role: 'developer', source: 'idp', idpGroup: 'slipway-members-developers' } });
    for (const role of ['viewer', 'developer'] as const) expect(await codeOf(listTeamMembers(inTeam(team.id, role), team.id))).toMatch(/^FORBIDDEN/);
    expect(await codeOf(listTeamMembers(inTeam(otherTeamId, 'admin'), team.id))).toMatch(/^FORBIDDEN: You are not a member of this team/);
    const { members } = await listTeamMembers(inTeam(team.id, 'admin'), team.id);
    expect(members).toEqual([
      { id: expect.any(String), userId: users.idp, email: emails.idp, name: 'idp', role: 'developer', source: 'idp', idpGroup: 'slipway-members-developers' },
    ]);
  });

  it('are added, changed and removed when local, each change audited; IdP memberships are refused', async () => {
    const team = await createTeam(platformAdmin(), { slug: slug('local'), name: 'Local' });
    const idp = await db.membership.create({ data: { teamId: team.id, userId: users.idp, role: 'viewer', source: 'idp', idpGroup: 'slipway-local-viewers' } });
    const teamAdmin = inTeam(team.id, 'admin');

    expect(await codeOf(addTeamMember(teamAdmin, team.id, { email: `nobody-${run}@example.com`, role: 'viewer' }))).toMatch(
      /^VALIDATION: Nobody with the e-mail .* has signed in/,
    );
    expect(await codeOf(addTeamMember(inTeam(team.id, 'developer'), team.id, { email: emails.admin, role: 'viewer' }))).toMatch(/^FORBIDDEN/);
    expect(await codeOf(addTeamMember(teamAdmin, team.id, { email: emails.idp, role: 'admin' }))).toMatch(
      /^CONFLICT: The membership of .* comes from the identity provider \(group slipway-local-viewers\)/,
    );

    const added = await addTeamMember(teamAdmin, team.id, { email: emails.admin, role: 'viewer' });
    expect(added).toMatchObject({ email: emails.admin, role: 'viewer', source: 'local', idpGroup: null });
    expect(await codeOf(addTeamMember(teamAdmin, team.id, { email: emails.admin, role: 'developer' }))).toMatch(/^CONFLICT: .* is already a member/);
    expect(await changeMemberRole(teamAdmin, team.id, added.id, { role: 'developer' })).toMatchObject({ role: 'developer' });
    expect(await codeOf(changeMemberRole(teamAdmin, team.id, idp.id, { role: 'admin' }))).toMatch(/^CONFLICT: .* replaced at each sign-in/);
    expect(await codeOf(removeTeamMember(teamAdmin, team.id, idp.id))).toMatch(/^CONFLICT: .* replaced at each sign-in/);
    expect(await codeOf(changeMemberRole(inTeam(otherTeamId, 'admin'), team.id, added.id, { role: 'admin' }))).toMatch(/^FORBIDDEN/);
    // A membership of another team is not reachable through this one.
    expect(await codeOf(changeMemberRole(platformAdmin(), otherTeamId, added.id, { role: 'admin' }))).toMatch(/^NOT_FOUND/);
    await removeTeamMember(teamAdmin, team.id, added.id);

    expect(await db.membership.findUnique({ where: { id: idp.id } })).toMatchObject({ role: 'viewer', source: 'idp' });
    expect(await db.membership.count({ where: { teamId: team.id } })).toBe(1);
    const changes = async (action: string) => (await auditOf(added.id, action)).map((e) => e.details.changes);
    expect(await changes('team.member.add')).toEqual([{ role: { from: null, to: 'viewer' } }]);
    expect(await changes('team.member.role')).toEqual([{ role: { from: 'viewer', to: 'developer' } }]);
    expect(await changes('team.member.remove')).toEqual([{ role: { from: 'developer', to: null } }]);
  });
});

describe('the last admin of a team', () => {
  it('cannot be demoted or removed by a team admin, only once another admin exists, or by a platform admin', async () => {
    const team = await createTeam(platformAdmin(), { slug: slug('last'), name: 'Last' });
    const teamAdmin = inTeam(team.id, 'admin');
    const self = await addTeamMember(platformAdmin(), team.id, { email: emails.member, role: 'admin' });
    expect(await codeOf(changeMemberRole(teamAdmin, team.id, self.id, { role: 'developer' }))).toMatch(
      new RegExp(`^CONFLICT: ${emails.member} is the last admin of team ${team.slug}, so you cannot change their role: make someone else an admin first`),
    );
    expect(await codeOf(removeTeamMember(teamAdmin, team.id, self.id))).toMatch(/^CONFLICT: .* is the last admin .* so you cannot remove them/);
    expect(await db.membership.findUnique({ where: { id: self.id } })).toMatchObject({ role: 'admin' });

    const other = await addTeamMember(teamAdmin, team.id, { email: emails.admin, role: 'admin' });
    expect(await changeMemberRole(teamAdmin, team.id, self.id, { role: 'developer' })).toMatchObject({ role: 'developer' });
    expect(await codeOf(removeTeamMember(teamAdmin, team.id, other.id))).toMatch(/^CONFLICT: .* is the last admin/);
    await removeTeamMember(platformAdmin(), team.id, other.id);
    expect(await db.membership.count({ where: { teamId: team.id, role: 'admin' } })).toBe(0);
  });
});

describe('required tags', () => {
  it('are replaced by team admins and read back as written; the audit shows each rule as text', async () => {
    const team = await createTeam(platformAdmin(), { slug: slug('tags'), name: 'Tags' });
    // Written the old way: tag key -> default value.
    await db.team.update({ where: { id: team.id }, data: { requiredTags: '{"cost-center":"CC-1001","owner":""}' } });
    expect((await findTeam(team.id))?.requiredTags).toEqual([{ key: 'cost-center', default: 'CC-1001' }, { key: 'owner' }]);

    expect(await codeOf(setRequiredTags(inTeam(team.id, 'developer'), team.id, { tags: [] }))).toMatch(/^FORBIDDEN/);
    const rules = [{ key: 'cost-center', pattern: 'CC-\\d{4}', default: 'CC-1001' }, { key: 'env', allowedValues: ['dev', 'prod'] }, { key: 'owner' }];
    expect((await setRequiredTags(inTeam(team.id, 'admin'), team.id, { tags: rules })).requiredTags).toEqual(rules);
    expect((await findTeam(team.slug))?.requiredTags).toEqual(rules);
    // The same rules again change nothing and write nothing.
    await setRequiredTags(platformAdmin(), team.id, { tags: rules });
    expect(await auditOf(team.id, 'team.required-tags')).toEqual([
      {
        actor: emails.member,
        details: {
          team: team.slug,
          changes: {
            requiredTags: {
              from: ['cost-center (default CC-1001)', 'owner'],
              to: ['cost-center (pattern CC-\\d{4}; default CC-1001)', 'env (one of dev, prod)', 'owner'],
            },
          },
        },
      },
    ]);
  });
});
