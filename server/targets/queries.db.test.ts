import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { createTarget, deleteTarget, ensureSandboxTarget, getTargetForActor, listTargetsForActor, resolveTargetRef } from '@/server/targets/queries';
import type { Actor } from '@/server/auth/actor';

const suffix = randomUUID().slice(0, 8);
let teamA: string;
let teamB: string;
const actorIn = (teamId: string): Actor => ({
  userId: 'u',
  email: 'u@example.com',
  name: 'U',
  isPlatformAdmin: false,
  teams: [{ id: teamId, slug: 's', name: 'S', role: 'developer' }],
  via: 'session',
});

beforeAll(async () => {
  await ensureSandboxTarget();
  teamA = (await db.team.create({ data: { slug: `a-${suffix}`, name: 'A' } })).id;
  teamB = (await db.team.create({ data: { slug: `b-${suffix}`, name: 'B' } })).id;
});

afterAll(async () => {
  await db.team.deleteMany({ where: { id: { in: [teamA, teamB] } } });
});

describe('AWS targets in the database', () => {
  it('encrypts the external id at rest and decrypts it only for the client factory', async () => {
    const target = await createTarget({
      name: `t-${suffix}`,
      accountId: '111122223333',
      regions: ['eu-west-1'],
      roleArn: 'arn:aws:iam::111122223333:role/x',
      externalId: 'ext-secret-42',
      teamIds: [teamA],
    });
    const row = await db.awsTarget.findUniqueOrThrow({ where: { id: target.id } });
    expect(row.externalIdEncrypted).toBeTruthy();
    expect(row.externalIdEncrypted).not.toContain('ext-secret-42');
    expect(JSON.stringify(target)).not.toContain('ext-secret-42');
    const ref = await resolveTargetRef(target, 'eu-west-1');
    expect(ref.externalId).toBe('ext-secret-42');
    await expect(resolveTargetRef(target, 'us-west-2')).rejects.toMatchObject({ code: 'VALIDATION' });
    await deleteTarget(target.id);
  });

  it('shows a team only its own targets plus the sandbox', async () => {
    const target = await createTarget({
      name: `only-a-${suffix}`,
      accountId: '111122223333',
      regions: ['us-east-1'],
      roleArn: 'arn:aws:iam::111122223333:role/x',
      externalId: 'e1',
      teamIds: [teamA],
    });
    const forA = (await listTargetsForActor(actorIn(teamA))).map((t) => t.name);
    const forB = (await listTargetsForActor(actorIn(teamB))).map((t) => t.name);
    expect(forA).toEqual(expect.arrayContaining(['sandbox', target.name]));
    expect(forB).toContain('sandbox');
    expect(forB).not.toContain(target.name);
    await expect(getTargetForActor(actorIn(teamB), target.name)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteTarget((await getTargetForActor(actorIn(teamB), 'sandbox')).id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await deleteTarget(target.id);
  });

  it('refuses a duplicate name with a conflict that names the field', async () => {
    const input = {
      name: `dup-${suffix}`,
      accountId: '111122223333',
      regions: ['us-east-1'],
      roleArn: 'arn:aws:iam::111122223333:role/x',
      externalId: 'e1',
      teamIds: [],
    };
    const first = await createTarget(input);
    await expect(createTarget(input)).rejects.toMatchObject({ code: 'CONFLICT', fields: { name: ['is already taken'] } });
    await deleteTarget(first.id);
  });
});
