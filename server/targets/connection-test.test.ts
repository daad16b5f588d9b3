import { describe, expect, it } from 'vitest';
import { describeAwsError, testTargetConnection } from '@/server/targets/connection-test';
import type { AwsTargetRef } from '@/server/aws/clients';

const target: AwsTargetRef = {
  id: 't1',
  name: 'payments-prod',
  accountId: '111122223333',
  region: 'eu-west-1',
  roleArn: 'arn:aws:iam::111122223333:role/SlipwayDeployer',
  externalId: 'very-secret-external-id',
  isSandbox: false,
};
const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret-access-key', sessionToken: 'session-token' };
const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

function fakeSts(overrides: Partial<Parameters<typeof testTargetConnection>[1]> = {}) {
  const calls: string[] = [];
  return {
    calls,
    sts: {
      assumeTargetRole: async (t: AwsTargetRef & { roleArn: string }) => {
        calls.push(`AssumeRole ${t.roleArn} ${t.externalId}`);
        return credentials;
      },
      getCallerIdentity: async () => {
        calls.push('GetCallerIdentity (own credentials)');
        return { accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/moto' };
      },
      getCallerIdentityWith: async (_t: AwsTargetRef, c: typeof credentials) => {
        calls.push(`GetCallerIdentity ${c.accessKeyId}`);
        return { accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/SlipwayDeployer/slipway-connection-test' };
      },
      ...overrides,
    } as Parameters<typeof testTargetConnection>[1],
  };
}

describe('testTargetConnection', () => {
  it('assumes the role with the external id, then asks who the assumed credentials are', async () => {
    const { sts, calls } = fakeSts();
    const result = await testTargetConnection(target, sts);
    expect(calls).toEqual([`AssumeRole ${target.roleArn} very-secret-external-id`, 'GetCallerIdentity ASIAEXAMPLE']);
    expect(result).toMatchObject({ ok: true, error: null, identity: { accountId: '111122223333' } });
    expect(result.steps.map((s) => `${s.name} ${s.status}`)).toEqual(['AssumeRole ok', 'GetCallerIdentity ok']);
  });

  it('answers failed with AWS’s message when AssumeRole is refused, and never the external id or credentials', async () => {
    const { sts, calls } = fakeSts({
      assumeTargetRole: async () => {
        throw awsError(
          'AccessDenied',
          'User: arn:aws:iam::999999999999:user/slipway is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/SlipwayDeployer',
        );
      },
    });
    const result = await testTargetConnection(target, sts);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^User: .* is not authorized to perform: sts:AssumeRole on resource: .* \(AccessDenied\)$/);
    expect(result.steps).toEqual([{ name: 'AssumeRole', status: 'failed', message: result.error }]);
    expect(calls).toEqual([]);
    expect(JSON.stringify(result)).not.toMatch(/very-secret-external-id|secret-access-key|session-token/);
  });

  it('fails when the credentials answer as another account than the target’s', async () => {
    const { sts } = fakeSts({ getCallerIdentityWith: async () => ({ accountId: '444455556666', arn: 'arn:aws:sts::444455556666:assumed-role/x/y' }) });
    const result = await testTargetConnection(target, sts);
    expect(result).toMatchObject({ ok: false, error: "The credentials answered as account 444455556666, not the target's account 111122223333." });
  });

  it('skips AssumeRole for a sandbox target without a role, as the launch flow does', async () => {
    const { sts, calls } = fakeSts();
    const result = await testTargetConnection({ ...target, roleArn: null, externalId: null, isSandbox: true, accountId: '123456789012' }, sts);
    expect(calls).toEqual(['GetCallerIdentity (own credentials)']);
    expect(result.ok).toBe(true);
    expect(result.steps[0]).toMatchObject({ name: 'AssumeRole', status: 'skipped' });
  });

  it('refuses a registered target without a role rather than testing the portal’s own credentials', async () => {
    const { sts, calls } = fakeSts();
    const result = await testTargetConnection({ ...target, roleArn: null }, sts);
    expect(result).toMatchObject({ ok: false, error: 'The target has no role ARN to assume.' });
    expect(calls).toEqual([]);
  });
});

describe('describeAwsError', () => {
  it('keeps the error name and message, masks secrets written in it, and names a timeout', () => {
    expect(describeAwsError(awsError('ExpiredToken', 'The security token included in the request is expired'))).toBe(
      'The security token included in the request is expired (ExpiredToken)',
    );
    expect(describeAwsError(new Error('failed with password=hunter2'))).not.toContain('hunter2');
    expect(describeAwsError(awsError('TimeoutError', 'signal timed out'))).toBe('AWS did not answer within 10 s');
    expect(describeAwsError('boom')).toBe('The call failed for an unknown reason');
  });
});
