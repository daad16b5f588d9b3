import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { runTargetConnectionTest } from '@/server/targets/admin';
import { createTarget, ensureSandboxTarget, findSandboxTargetId, getTargetById } from '@/server/targets/queries';
import type { Actor } from '@/server/auth/actor';

// "Test the connection" against the sandbox account (SANDBOX_AWS_ENDPOINT, SLIPWAY_AWS_MODE=sandbox):
// moto answers AssumeRole for any role and GetCallerIdentity as the assumed role, in the role's account.
const suffix = randomUUID().slice(0, 8);
const admin: Actor = {
  userId: `int-admin-${suffix}`,
  email: `int-admin-${suffix}@example.com`,
  name: 'Admin',
  isPlatformAdmin: true,
  teams: [],
  via: 'session',
};

beforeAll(async () => {
  await ensureSandboxTarget();
});

afterAll(async () => {
  await db.auditLog.deleteMany({ where: { actorEmail: admin.email } });
  await db.awsTarget.deleteMany({ where: { name: { startsWith: `conn-${suffix}` } } });
});

describe('test the connection', () => {
  it('asks the sandbox target who it is without assuming a role, and stores that it answered', async () => {
    const id = await findSandboxTargetId();
    const before = Date.now();
    const result = await runTargetConnectionTest(admin, id);
    expect(result).toMatchObject({ ok: true, error: null, identity: { accountId: '123456789012' } });
    expect(result.steps.map((s) => `${s.name} ${s.status}`)).toEqual(['AssumeRole skipped', 'GetCallerIdentity ok']);
    expect(Date.parse(result.target.lastAnsweredAt!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('assumes a registered target’s role with its external id and answers as that role, in its account', async () => {
    const target = await createTarget({
      name: `conn-${suffix}-ok`,
      accountId: '210987654321',
      regions: ['us-east-1'],
      roleArn: 'arn:aws:iam::210987654321:role/slipway-deployer',
      externalId: `ext-${suffix}`,
      teamIds: [],
    });
    const result = await runTargetConnectionTest(admin, target.id);
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => `${s.name} ${s.status}`)).toEqual(['AssumeRole ok', 'GetCallerIdentity ok']);
    expect(result.identity?.arn).toBe('arn:aws:sts::210987654321:assumed-role/slipway-deployer/slipway-connection-test');
    expect(JSON.stringify(result)).not.toContain(`ext-${suffix}`);
    const [entry] = await db.auditLog.findMany({ where: { resourceId: target.id, action: 'target.test' } });
    expect(entry).toMatchObject({ outcome: 'success' });
  });

  it('answers failed, keeps the last error and the last success apart, when the role is in another account', async () => {
    const target = await createTarget({
      name: `conn-${suffix}-bad`,
      accountId: '111122223333',
      regions: ['us-east-1'],
      roleArn: 'arn:aws:iam::210987654321:role/slipway-deployer',
      externalId: `ext-${suffix}`,
      teamIds: [],
    });
    const result = await runTargetConnectionTest(admin, target.id);
    expect(result).toMatchObject({ ok: false, error: "The credentials answered as account 210987654321, not the target's account 111122223333." });
    const stored = await getTargetById(target.id);
    expect(stored).toMatchObject({ lastAnsweredAt: null, lastError: result.error });
    expect(stored.lastCheckedAt).not.toBeNull();
    const [entry] = await db.auditLog.findMany({ where: { resourceId: target.id, action: 'target.test' } });
    expect(entry).toMatchObject({ outcome: 'failure' });
  });
});
