import { describe, expect, it } from 'vitest';
import { checkTargetUpdate } from '@/server/targets/admin';
import type { TargetDto } from '@/lib/schemas/targets';

const target: TargetDto = {
  id: 't1',
  name: 'payments-prod',
  accountId: '111122223333',
  regions: ['eu-west-1'],
  roleArn: 'arn:aws:iam::111122223333:role/SlipwayDeployer',
  serviceRoleArn: null,
  hasExternalId: true,
  isSandbox: false,
  teamIds: [],
  lastAnsweredAt: null,
  lastCheckedAt: null,
  lastError: null,
};
const sandbox: TargetDto = { ...target, name: 'sandbox', accountId: '123456789012', roleArn: null, hasExternalId: false, isSandbox: true };

describe('checkTargetUpdate', () => {
  it('names the field and the rule it breaks', () => {
    expect(() => checkTargetUpdate(target, { roleArn: null })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', fields: { roleArn: ['is required for a target outside the sandbox'] } }),
    );
    expect(() => checkTargetUpdate(target, { roleArn: 'arn:aws:iam::444455556666:role/x' })).toThrow(
      expect.objectContaining({ fields: { roleArn: ["must be a role in the target's account 111122223333, not 444455556666"] } }),
    );
    expect(() => checkTargetUpdate(target, { serviceRoleArn: 'arn:aws:iam::444455556666:role/cfn' })).toThrow(
      expect.objectContaining({ fields: { serviceRoleArn: [expect.stringContaining('111122223333')] } }),
    );
    expect(() => checkTargetUpdate(sandbox, { teamIds: ['x'] })).toThrow(
      expect.objectContaining({ fields: { teamIds: [expect.stringContaining('every team')] } }),
    );
    expect(() => checkTargetUpdate(sandbox, { externalId: 'abc' })).toThrow(
      expect.objectContaining({ fields: { externalId: [expect.stringContaining('role ARN')] } }),
    );
  });

  it('lets the sandbox run without a role and a role carry its external id', () => {
    expect(() => checkTargetUpdate(sandbox, { roleArn: null, regions: ['us-east-1'] })).not.toThrow();
    expect(() => checkTargetUpdate(sandbox, { roleArn: 'arn:aws:iam::123456789012:role/sandbox', externalId: 'abc' })).not.toThrow();
    expect(() => checkTargetUpdate(target, { externalId: '', teamIds: [] })).not.toThrow();
  });
});
