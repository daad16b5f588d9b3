import { describe, expect, it } from 'vitest';

import { groupHistoryQuerySchema, kafkaClusterRegistrationSchema, kafkaGroupIdSchema, MAX_KAFKA_GROUP_ID_BYTES, offsetResetBodySchema } from './kafka';

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

describe('offset reset bounds', () => {
  const reset = (over: Record<string, unknown>) => offsetResetBodySchema.safeParse({ topics: [{ topic: 'orders' }], strategy: { kind: 'earliest' }, ...over });
  const messages = (over: Record<string, unknown>) => reset(over).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('takes offsets and shifts up to the 64-bit maximum Kafka uses, and no further', () => {
    expect(reset({ strategy: { kind: 'to-offset', offset: '9223372036854775807' } }).success).toBe(true);
    expect(reset({ strategy: { kind: 'shift-by', by: '-9223372036854775807' } }).success).toBe(true);
    expect(reset({ strategy: { kind: 'to-offset', offset: '000000000000000000000042' } }).success).toBe(true);
    expect(messages({ strategy: { kind: 'to-offset', offset: '9223372036854775808' } })).toEqual([
      'strategy.offset: Kafka offsets are at most 9223372036854775807',
    ]);
    expect(messages({ strategy: { kind: 'to-offset', offset: '1'.repeat(5000) } })).toEqual(['strategy.offset: Kafka offsets are at most 9223372036854775807']);
    expect(messages({ strategy: { kind: 'shift-by', by: '18446744073709551616' } })).toEqual(['strategy.by: Shift by at most 9223372036854775807 either way']);
    expect(messages({ strategy: { kind: 'shift-by', by: 'ten' } })).toEqual(['strategy.by: Use a whole number, negative to go back']);
  });

  it('bounds partition ids to Java ints and the number of topics and partitions', () => {
    expect(reset({ topics: [{ topic: 'orders', partitions: [0, 2_147_483_647] }] }).success).toBe(true);
    expect(messages({ topics: [{ topic: 'orders', partitions: [2 ** 40] }] })).toEqual(['topics.0.partitions.0: Partition ids are at most 2147483647']);
    expect(messages({ topics: [{ topic: 'orders', partitions: Array.from({ length: 10_001 }, (_, i) => i) }] })).toEqual([
      'topics.0.partitions: Name at most 10,000 partitions per topic',
    ]);
    expect(messages({ topics: Array.from({ length: 1001 }, () => ({ topic: 'orders' })) })).toEqual(['topics: Reset at most 1,000 topics at once']);
  });

  it.each([
    ['orders', 'orders'],
    ['dots', 'orders.v2'],
    ['underscores and dashes', 'a_b-c'],
    ['249 characters', 'x'.repeat(249)],
  ])('accepts a topic name with %s', (_what, topic) => {
    expect(reset({ topics: [{ topic }] }).success).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['"."', '.'],
    ['".."', '..'],
    ['a slash', 'a/b'],
    ['a space', 'with space'],
    ['non-ASCII letters', 'ünïcode'],
    ['250 characters', 'x'.repeat(250)],
    ['a tab', 'tab\there'],
  ])('refuses a topic name with %s, as Kafka does', (_what, topic) => {
    expect(new Set(paths(reset({ topics: [{ topic }] })))).toEqual(new Set(['topics.0.topic']));
  });

  it('names unknown fields inside topics and strategies instead of dropping them', () => {
    expect(paths(reset({ topics: [{ topic: 'orders', constructor: 1 }] }))).toEqual(['topics.0']);
    expect(reset({ strategy: { kind: 'earliest', toString: 'x' } }).error?.issues[0]).toMatchObject({ path: ['strategy'], keys: ['toString'] });
  });
});

describe('kafkaGroupIdSchema', () => {
  // Kafka's only rules: non-empty, and a protocol STRING (at most 32,767 bytes of UTF-8).
  it.each([
    ['one character', 'g'],
    ['dots and dashes', 'lambda-consumer.orders'],
    ['a space', 'has space'],
    ['non-ASCII letters', 'ünïcode'],
    ['300 characters', 'x'.repeat(300)],
    ['32,767 bytes', 'x'.repeat(MAX_KAFKA_GROUP_ID_BYTES)],
  ])('accepts an id with %s', (_what, id) => {
    expect(kafkaGroupIdSchema.safeParse(id).success).toBe(true);
  });

  it('refuses an empty id and one over 32,767 bytes of UTF-8', () => {
    expect(kafkaGroupIdSchema.safeParse('').error?.issues[0]?.message).toBe('A consumer group id must not be empty');
    expect(kafkaGroupIdSchema.safeParse('x'.repeat(MAX_KAFKA_GROUP_ID_BYTES + 1)).error?.issues[0]?.message).toBe(
      'A consumer group id is at most 32767 bytes of UTF-8',
    );
    expect(kafkaGroupIdSchema.safeParse('é'.repeat(16_384)).success).toBe(false);
  });
});

describe('cluster registration strictness', () => {
  it('names unknown fields inside settings and secrets', () => {
    const base = { name: 'x', teamId: null, settings: { kind: 'plaintext', brokers: ['h:1'] } };
    expect(kafkaClusterRegistrationSchema.safeParse({ ...base, settings: { ...base.settings, constructor: 1 } }).error?.issues[0]).toMatchObject({
      path: ['settings'],
      keys: ['constructor'],
    });
    expect(kafkaClusterRegistrationSchema.safeParse({ ...base, secrets: { toString: 'x' } }).error?.issues[0]).toMatchObject({
      path: ['secrets'],
      keys: ['toString'],
    });
  });
});
