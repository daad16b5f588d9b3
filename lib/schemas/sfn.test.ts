import { describe, expect, it } from 'vitest';
import {
  executionArnSchema,
  executionHistoryQuerySchema,
  expressLogsQuerySchema,
  listExecutionsQuerySchema,
  MAX_EXECUTION_INPUT_BYTES,
  startExecutionSchema,
  stateMachinesQuerySchema,
  stopExecutionSchema,
} from './sfn';
import { MAX_JSON_DEPTH } from '@/lib/json-limits';

const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:ec2-state-change-enrichment';

describe('startExecutionSchema', () => {
  it('accepts input as JSON text and as a JSON value, always producing JSON text', () => {
    expect(startExecutionSchema.parse({ stateMachineArn: arn, input: '{"a":1}' })).toEqual({
      stateMachineArn: arn,
      input: '{"a":1}',
    });
    expect(startExecutionSchema.parse({ stateMachineArn: arn, input: { a: [1, null] } }).input).toBe('{"a":[1,null]}');
    expect(startExecutionSchema.parse({ stateMachineArn: arn, input: [1, 2] }).input).toBe('[1,2]');
    expect(startExecutionSchema.parse({ stateMachineArn: arn, input: 42 }).input).toBe('42');
  });

  it('rejects input that is not JSON or larger than 256 KB', () => {
    expect(startExecutionSchema.safeParse({ stateMachineArn: arn, input: '{not json' }).error?.issues[0]?.message).toBe('Input must be valid JSON');
    const big = JSON.stringify({ blob: 'x'.repeat(MAX_EXECUTION_INPUT_BYTES) });
    expect(startExecutionSchema.safeParse({ stateMachineArn: arn, input: big }).error?.issues[0]?.message).toBe('Input must be at most 256 KB');
    // The limit is in UTF-8 bytes, not characters.
    const multiByte = JSON.stringify('é'.repeat(MAX_EXECUTION_INPUT_BYTES / 2));
    expect(startExecutionSchema.safeParse({ stateMachineArn: arn, input: multiByte }).success).toBe(false);
    expect(startExecutionSchema.safeParse({ stateMachineArn: arn }).success).toBe(false);
  });

  it(`rejects JSON text nested deeper than ${MAX_JSON_DEPTH} levels, like a JSON body`, () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    expect(startExecutionSchema.safeParse({ stateMachineArn: arn, input: nested(MAX_JSON_DEPTH) }).success).toBe(true);
    for (const levels of [MAX_JSON_DEPTH + 1, 5000]) {
      expect(startExecutionSchema.safeParse({ stateMachineArn: arn, input: nested(levels) }).error?.issues[0]).toMatchObject({
        path: ['input'],
        message: `Input must nest at most ${MAX_JSON_DEPTH} levels of arrays and objects`,
      });
    }
    // Keys are the execution's own data: text input keeps them, __proto__ included.
    expect(startExecutionSchema.parse({ stateMachineArn: arn, input: '{"__proto__":1,"constructor":2}' }).input).toBe('{"__proto__":1,"constructor":2}');
  });

  it('names unknown fields instead of dropping them', () => {
    expect(startExecutionSchema.safeParse({ stateMachineArn: arn, input: '{}', constructor: 1 }).error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['constructor'],
    });
  });

  it.each(['run-1', 'Nightly_2025-01-01', 'a', 'x'.repeat(80), 'déploiement'])('accepts the name %s', (name) => {
    expect(startExecutionSchema.safeParse({ stateMachineArn: arn, name, input: '{}' }).success).toBe(true);
  });

  it.each(['', 'x'.repeat(81), 'has space', 'a/b', 'a:b', 'a$b', 'a*b', 'a?b', '<x>', 'a{b}', 'a[0]', 'tab\there', 'a#b', 'a,b'])(
    'rejects the name %j',
    (name) => {
      expect(startExecutionSchema.safeParse({ stateMachineArn: arn, name, input: '{}' }).success).toBe(false);
    },
  );

  it('requires a state machine ARN (versions and aliases allowed)', () => {
    expect(startExecutionSchema.safeParse({ stateMachineArn: `${arn}:3`, input: '{}' }).success).toBe(true);
    expect(startExecutionSchema.safeParse({ stateMachineArn: `${arn}:prod`, input: '{}' }).success).toBe(true);
    expect(
      startExecutionSchema.safeParse({
        stateMachineArn: 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:x',
        input: '{}',
      }).success,
    ).toBe(true);
    expect(
      startExecutionSchema.safeParse({
        stateMachineArn: 'arn:aws:states:us-east-1:123456789012:execution:x:y',
        input: '{}',
      }).success,
    ).toBe(false);
    expect(startExecutionSchema.safeParse({ stateMachineArn: 'ec2-state-change-enrichment', input: '{}' }).success).toBe(false);
  });
});

describe('listExecutionsQuerySchema', () => {
  it('parses query-string text into typed filters with a default page size', () => {
    expect(
      listExecutionsQuerySchema.parse({
        stateMachineArn: arn,
        status: 'FAILED',
        startedAfter: '2025-01-01T00:00:00Z',
        startedBefore: '2025-01-02T00:00:00+01:00',
        nameContains: '  nightly ',
        nextToken: 'abc',
        maxResults: '20',
      }),
    ).toEqual({
      stateMachineArn: arn,
      status: 'FAILED',
      startedAfter: '2025-01-01T00:00:00Z',
      startedBefore: '2025-01-02T00:00:00+01:00',
      nameContains: 'nightly',
      nextToken: 'abc',
      maxResults: 20,
    });
    expect(listExecutionsQuerySchema.parse({ stateMachineArn: arn }).maxResults).toBe(50);
  });

  it('names unknown parameters instead of ignoring them', () => {
    expect(listExecutionsQuerySchema.safeParse({ stateMachineArn: arn, toString: 'x' }).error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['toString'],
    });
  });

  it('rejects unknown statuses, bad dates, reversed ranges and page sizes out of range', () => {
    const bad = [
      { status: 'DONE' },
      { startedAfter: 'yesterday' },
      { startedAfter: '2025-02-01T00:00:00Z', startedBefore: '2025-01-01T00:00:00Z' },
      { maxResults: '0' },
      { maxResults: '1001' },
      { maxResults: 'ten' },
      { nameContains: '   ' },
      { nextToken: '' },
    ];
    for (const filters of bad) {
      expect(listExecutionsQuerySchema.safeParse({ stateMachineArn: arn, ...filters }).success, JSON.stringify(filters)).toBe(false);
    }
  });
});

describe('executionArnSchema', () => {
  it.each([
    'arn:aws:states:us-east-1:123456789012:execution:EnrichmentStateMachine-x1:run-20261127-195521-k3x9q2',
    'arn:aws:states:us-east-1:123456789012:execution:m:prod:run-1',
    'arn:aws:states:eu-west-1:123456789012:express:orders:run-9:0b1c2d3e-4f50-6789',
    'arn:aws:states:us-east-1:123456789012:execution:m:déploiement',
  ])('accepts %s', (arn) => expect(executionArnSchema.safeParse(arn).success).toBe(true));

  it.each([
    'arn:aws:states:us-east-1:123456789012:stateMachine:m',
    'arn:aws:states:us-east-1:123456789012:execution:m',
    'arn:aws:states:us-east-1:123456789012:execution:m:a b',
    'run-1',
  ])('rejects %s', (arn) => expect(executionArnSchema.safeParse(arn).success).toBe(false));
});

describe('dashboard query schemas', () => {
  it('parse history paging with defaults and bounds', () => {
    expect(executionHistoryQuerySchema.parse({})).toEqual({ page: 1, pageSize: 100 });
    expect(executionHistoryQuerySchema.parse({ page: '3', pageSize: '50', type: 'TaskFailed', state: 'Look up Name tag' })).toMatchObject({
      page: 3,
      pageSize: 50,
    });
    expect(executionHistoryQuerySchema.safeParse({ pageSize: '5000' }).success).toBe(false);
    expect(executionHistoryQuerySchema.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('name the target by id or name and check the region shape', () => {
    expect(stateMachinesQuerySchema.parse({ target: 'sandbox', region: 'us-east-1' })).toEqual({ target: 'sandbox', region: 'us-east-1' });
    expect(stateMachinesQuerySchema.safeParse({ region: 'Mars' }).success).toBe(false);
  });

  it('bound stop reasons and log filters', () => {
    expect(stopExecutionSchema.parse({})).toEqual({});
    expect(stopExecutionSchema.safeParse({ error: 'x'.repeat(257) }).success).toBe(false);
    expect(expressLogsQuerySchema.safeParse({ filter: 'ExecutionFailed' }).success).toBe(true);
    expect(expressLogsQuerySchema.safeParse({ startedAfter: 'yesterday' }).success).toBe(false);
  });
});
