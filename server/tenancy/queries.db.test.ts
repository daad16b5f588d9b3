import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/server/db';
import type { Actor } from '@/server/auth/actor';
import { addTargetAssignment, listTargetAssignments, removeTargetAssignment } from './assignments';
import { deleteAssignment, findLaunchOwners, insertAssignment } from './queries';
import { resolveOwners } from './resources';

// Ownership against the real database: a launch owns what its stack events name and what its outputs
// export; a live launch wins over a deleted one; assignment rules by ARN pattern and tag decide the
// rest, and only admins of a team that may use the target edit them.

const run = randomUUID().slice(0, 8);
const teams = { falcon: { id: '', slug: `falcon-${run}` }, eagle: { id: '', slug: `eagle-${run}` }, owl: { id: '', slug: `owl-${run}` } };
let targetId = '';
let userId = '';
const REGION = 'us-east-1';
const arn = (name: string) => `arn:aws:states:${REGION}:123456789012:stateMachine:${name}-${run}`;

const actor = (memberships: [keyof typeof teams, 'viewer' | 'developer' | 'admin'][], isPlatformAdmin = false): Actor => ({
  userId,
  email: `user-${run}@example.com`,
  name: 'Test',
  isPlatformAdmin,
  via: 'session',
  teams: memberships.map(([t, role]) => ({ id: teams[t].id, slug: teams[t].slug, name: teams[t].slug, role })),
});

async function newLaunch(
  team: keyof typeof teams,
  stackName: string,
  opts: { status?: string; outputs?: { key: string; value: string }[]; createdAt?: Date } = {},
) {
  return db.launch.create({
    data: {
      teamId: teams[team].id,
      createdById: userId,
      targetId,
      region: REGION,
      stackName: `${stackName}-${run}`,
      blueprintSlug: 'x',
      blueprintVersion: '1.0.0',
      status: opts.status ?? 'CREATE_COMPLETE',
      requestHash: randomUUID(),
      clientRequestToken: randomUUID(),
      outputs: JSON.stringify((opts.outputs ?? []).map((o) => ({ ...o, description: null }))),
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
}

async function stateMachineEvent(launchId: string, physicalId: string) {
  await db.launchEvent.create({
    data: {
      launchId,
      eventId: randomUUID(),
      timestamp: new Date(),
      logicalId: 'Workflow',
      physicalId,
      resourceType: 'AWS::StepFunctions::StateMachine',
      status: 'CREATE_COMPLETE',
    },
  });
}

beforeAll(async () => {
  for (const t of Object.values(teams)) t.id = (await db.team.create({ data: { slug: t.slug, name: t.slug } })).id;
  userId = (await db.user.create({ data: { email: `user-${run}@example.com`, name: 'Test' } })).id;
  targetId = (
    await db.awsTarget.create({
      data: {
        name: `t-${run}`,
        accountId: '123456789012',
        regions: JSON.stringify([REGION]),
        teams: { create: [{ teamId: teams.falcon.id }, { teamId: teams.eagle.id }] },
      },
    })
  ).id;
});

afterAll(async () => {
  await db.launch.deleteMany({ where: { targetId } });
  await db.awsTarget.deleteMany({ where: { id: targetId } });
  await db.auditLog.deleteMany({ where: { resourceType: 'resource-assignment', actorId: userId } });
  await db.user.deleteMany({ where: { id: userId } });
  await db.team.deleteMany({ where: { id: { in: Object.values(teams).map((t) => t.id) } } });
});

describe('launch owners', () => {
  it('finds the launch by its stack events and by its outputs; a live launch beats a deleted one', async () => {
    const batch = await newLaunch('falcon', 'batch');
    await stateMachineEvent(batch.id, arn('Batch'));
    const nested = await newLaunch('eagle', 'nested', { outputs: [{ key: 'WorkflowArn', value: arn('Nested') }] });
    const old = await newLaunch('eagle', 'old', { status: 'DELETED', createdAt: new Date(Date.now() - 86_400_000) });
    await stateMachineEvent(old.id, arn('Reused'));
    const current = await newLaunch('falcon', 'current');
    await stateMachineEvent(current.id, arn('Reused'));
    const retained = await newLaunch('eagle', 'retained', { status: 'DELETED' });
    await stateMachineEvent(retained.id, arn('Retained'));

    const owners = await findLaunchOwners(targetId, REGION, [arn('Batch'), arn('Nested'), arn('Reused'), arn('Retained'), arn('Nobody')]);
    expect(owners.get(arn('Batch'))).toEqual({ team: expect.objectContaining({ id: teams.falcon.id }), launch: { id: batch.id, stackName: batch.stackName } });
    expect(owners.get(arn('Nested'))?.launch.id).toBe(nested.id);
    expect(owners.get(arn('Reused'))?.launch.id).toBe(current.id);
    // A resource a deleted stack kept (DeletionPolicy: Retain) stays its team's.
    expect(owners.get(arn('Retained'))?.team.id).toBe(teams.eagle.id);
    expect(owners.has(arn('Nobody'))).toBe(false);
    // Another region of the same target is another place.
    expect((await findLaunchOwners(targetId, 'eu-west-1', [arn('Batch')])).size).toBe(0);
  });
});

describe('assignment rules', () => {
  it('assign by ARN pattern and tag; only admins of a team that may use the target edit them', async () => {
    const falconAdmin = actor([['falcon', 'admin']]);
    const byPattern = await addTargetAssignment(falconAdmin, targetId, {
      team: teams.falcon.slug,
      kind: 'arn-pattern',
      pattern: `arn:aws:states:*:123456789012:stateMachine:Legacy*`,
    });
    const byTag = await addTargetAssignment(actor([['eagle', 'admin']]), targetId, { team: teams.eagle.id, kind: 'tag', key: 'team', value: 'eagle' });

    await expect(
      addTargetAssignment(falconAdmin, targetId, {
        team: teams.falcon.slug,
        kind: 'arn-pattern',
        pattern: `arn:aws:states:*:123456789012:stateMachine:Legacy*`,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      addTargetAssignment(actor([['falcon', 'developer']]), targetId, { team: teams.falcon.slug, kind: 'arn-pattern', pattern: 'arn:*' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(addTargetAssignment(falconAdmin, targetId, { team: teams.eagle.slug, kind: 'arn-pattern', pattern: 'arn:*' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(addTargetAssignment(falconAdmin, targetId, { team: `no-such-team-${run}`, kind: 'arn-pattern', pattern: 'arn:*' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { team: ['is not a team'] },
    });
    // owl may not use the target: not even a platform admin assigns it resources there.
    await expect(addTargetAssignment(actor([], true), targetId, { team: teams.owl.slug, kind: 'arn-pattern', pattern: 'arn:*' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { team: [expect.stringContaining('may not use target')] },
    });
    await expect(removeTargetAssignment(falconAdmin, targetId, byTag.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const tagsOf: Record<string, Record<string, string>> = { [arn('Tagged')]: { team: 'eagle' } };
    const reads: string[] = [];
    const owners = await resolveOwners({ id: targetId }, REGION, [arn('LegacyOrders'), arn('Tagged'), arn('Untagged')], async (a) => {
      reads.push(a);
      return tagsOf[a] ?? {};
    });
    expect(owners.get(arn('LegacyOrders'))).toEqual({ kind: 'assigned', teams: [expect.objectContaining({ id: teams.falcon.id })] });
    expect(owners.get(arn('Tagged'))).toEqual({ kind: 'assigned', teams: [expect.objectContaining({ id: teams.eagle.id })] });
    expect(owners.get(arn('Untagged'))).toEqual({ kind: 'unowned' });
    expect(reads.sort()).toEqual([arn('LegacyOrders'), arn('Tagged'), arn('Untagged')].sort());

    expect((await listTargetAssignments(actor([['eagle', 'viewer']]), targetId)).map((a) => [a.kind, a.canDelete])).toEqual([
      ['arn-pattern', false],
      ['tag', false],
    ]);
    await removeTargetAssignment(actor([], true), targetId, byPattern.id);
    await removeTargetAssignment(actor([['eagle', 'admin']]), targetId, byTag.id);
    expect(await listTargetAssignments(falconAdmin, targetId)).toEqual([]);
    // With no tag rule left, no tags are read.
    reads.length = 0;
    await resolveOwners({ id: targetId }, REGION, [arn('Tagged')], async (a) => {
      reads.push(a);
      return {};
    });
    expect(reads).toEqual([]);
  });

  it('a duplicate rule is no row, and a rule deleted twice (two admins at once) is NOT_FOUND, not a database error', async () => {
    const rule = { targetId, teamId: teams.falcon.id, kind: 'arn-pattern' as const, pattern: `arn:*:twice-${run}`, tagValue: '', createdById: userId };
    const stored = await insertAssignment(rule);
    expect(stored).not.toBeNull();
    expect(await insertAssignment(rule)).toBeNull();
    await deleteAssignment(stored!.id);
    await expect(deleteAssignment(stored!.id)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such assignment on this target.' });
  });
});
