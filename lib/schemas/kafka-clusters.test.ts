import { describe, expect, it } from 'vitest';

import { groupHistoryQuerySchema, kafkaClusterRegistrationSchema, offsetResetBodySchema } from './kafka-clusters';

const arn = 'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/5e8f3c1a-1b2c-4d5e-9f00-0a1b2c3d4e5f-3';
const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('kafkaClusterRegistrationSchema', () => {
  it('accepts a self-managed SCRAM cluster for a team', () => {
    const parsed = kafkaClusterRegistrationSchema.parse({
      name: 'payments',
      teamId: 'team-1',
      settings: { kind: 'sasl-scram-sha-512', brokers: ['b-1.example.com:9096'], username: 'lag' },
      secrets: { password: 'pw' },
    });
    expect(parsed.settings).toMatchObject({ tls: true });
  });

  it('needs a target for MSK, a region matching the ARN, and a password for SASL', () => {
    expect(
      paths(kafkaClusterRegistrationSchema.safeParse({ name: 'm', teamId: null, settings: { kind: 'msk-iam', clusterArn: arn }, region: 'us-east-1' })),
    ).toEqual(['targetId', 'region']);
    expect(
      kafkaClusterRegistrationSchema.safeParse({ name: 'm', teamId: null, settings: { kind: 'msk-iam', clusterArn: arn }, targetId: 't', region: 'eu-west-1' })
        .success,
    ).toBe(true);
    expect(
      paths(kafkaClusterRegistrationSchema.safeParse({ name: 's', teamId: null, settings: { kind: 'sasl-plain', brokers: ['h:1'], username: 'u' } })),
    ).toEqual(['secrets.password']);
  });

  it('names bad brokers, a bad ARN, a missing team choice and unknown fields', () => {
    expect(paths(kafkaClusterRegistrationSchema.safeParse({ name: 'x', teamId: null, settings: { kind: 'plaintext', brokers: ['no-port'] } }))).toEqual([
      'settings.brokers.0',
    ]);
    expect(
      paths(
        kafkaClusterRegistrationSchema.safeParse({ name: 'x', teamId: null, settings: { kind: 'msk-iam', clusterArn: 'arn:aws:s3:::bucket' }, targetId: 't' }),
      ),
    ).toEqual(['settings.clusterArn']);
    expect(paths(kafkaClusterRegistrationSchema.safeParse({ name: 'x', settings: { kind: 'plaintext', brokers: ['h:1'] } }))).toEqual(['teamId']);
    expect(
      kafkaClusterRegistrationSchema.safeParse({ name: 'x', teamId: null, settings: { kind: 'plaintext', brokers: ['h:1'] }, colour: 'blue' }).success,
    ).toBe(false);
  });
});

describe('groupHistoryQuerySchema', () => {
  it('accepts an ISO range up to 90 days and refuses reversed or longer ones', () => {
    expect(groupHistoryQuerySchema.safeParse({}).success).toBe(true);
    expect(groupHistoryQuerySchema.safeParse({ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' }).success).toBe(true);
    expect(paths(groupHistoryQuerySchema.safeParse({ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }))).toEqual(['from']);
    expect(paths(groupHistoryQuerySchema.safeParse({ from: '2026-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }))).toEqual(['from']);
    expect(paths(groupHistoryQuerySchema.safeParse({ from: 'yesterday' }))).toEqual(['from']);
  });
});

describe('offsetResetBodySchema', () => {
  it('is the reset request without the group id (which is in the path), dry run by default', () => {
    const body = offsetResetBodySchema.parse({ topics: [{ topic: 'orders' }], strategy: { kind: 'shift-by', by: '-10' } });
    expect(body.dryRun).toBe(true);
    expect(offsetResetBodySchema.safeParse({ groupId: 'g', topics: [{ topic: 'orders' }], strategy: { kind: 'earliest' } }).success).toBe(false);
    expect(paths(offsetResetBodySchema.safeParse({ topics: [{ topic: 'orders' }], strategy: { kind: 'to-offset', offset: '-1' } }))).toEqual([
      'strategy.offset',
    ]);
  });
});
