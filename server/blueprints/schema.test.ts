import { describe, expect, it } from 'vitest';

import { blueprintMetadataSchema, compareSemver } from './schema';

function validMetadata(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: 'demo-pattern',
    version: '1.2.0',
    changelog: [
      { version: '1.2.0', date: '2024-03-01', changes: ['Adds a dead-letter queue.'] },
      { version: '1.0.0', date: '2024-01-15', changes: ['First release.'] },
    ],
    title: 'A demo pattern',
    summary: 'A queue and a function, used to test the metadata schema.',
    source: { title: 'Some post', authors: ['Jane Doe'] },
    services: ['Amazon SQS', 'AWS Lambda'],
    category: 'messaging',
    level: 200,
    tags: ['queue', 'demo'],
    outputs: { QueueUrl: { meaning: 'Send messages to this URL.' } },
    dashboards: [{ kind: 'cost' }],
    cost: { kind: 'lambda', memoryMb: 128, durationMs: 100, invocationsPerMonth: 1000, architecture: 'arm64' },
    sandbox: { deployable: true },
    ...overrides,
  };
}

function issuesOf(input: unknown): string[] {
  const result = blueprintMetadataSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('blueprintMetadataSchema', () => {
  it('accepts valid metadata and fills defaults', () => {
    const parsed = blueprintMetadataSchema.parse(validMetadata());
    expect(parsed.parameters).toEqual({ fields: {} });
    expect(parsed.cost).toMatchObject({ kind: 'lambda', parameterMap: {} });
  });

  it('rejects unknown keys everywhere (strict objects)', () => {
    expect(issuesOf(validMetadata({ colour: 'blue' }))).toHaveLength(1);
    expect(issuesOf(validMetadata({ source: { title: 't', authors: ['a'], year: 2022 } }))[0]).toMatch(/^source/);
  });

  it.each(['1.0', 'v1.0.0', '01.0.0', '1.0.0-', '1.2.3.4'])('rejects the version %s', (version) => {
    expect(issuesOf(validMetadata({ version, changelog: [{ version, date: '2024-01-01', changes: ['x'] }] })).length).toBeGreaterThan(0);
  });

  it('accepts pre-release and build versions', () => {
    const version = '2.0.0-rc.1+build.5';
    expect(issuesOf(validMetadata({ version, changelog: [{ version, date: '2024-01-01', changes: ['x'] }] }))).toEqual([]);
  });

  it('requires the newest changelog entry to be the current version', () => {
    expect(issuesOf(validMetadata({ version: '1.3.0' }))).toEqual([
      'changelog.0.version: the newest changelog entry (1.2.0) must match version 1.3.0',
    ]);
  });

  it('requires changelog versions to descend and dates not to increase', () => {
    const changelog = [
      { version: '1.2.0', date: '2024-01-01', changes: ['b'] },
      { version: '1.2.0', date: '2024-02-01', changes: ['a'] },
    ];
    expect(issuesOf(validMetadata({ changelog }))).toEqual([
      'changelog.1.version: versions must descend: 1.2.0 comes after 1.2.0',
      'changelog.1.date: dates must not increase down the changelog: 2024-02-01 is after 2024-01-01',
    ]);
  });

  it('rejects impossible dates', () => {
    const changelog = [{ version: '1.2.0', date: '2024-02-30', changes: ['a'] }];
    expect(issuesOf(validMetadata({ changelog }))).toEqual(['changelog.0.date: is not a real date']);
  });

  it('validates dashboards as a discriminated union', () => {
    expect(issuesOf(validMetadata({ dashboards: [{ kind: 'stepfunctions', stateMachineArnOutput: 'StateMachineArn' }] }))).toEqual([]);
    expect(issuesOf(validMetadata({ dashboards: [{ kind: 'stepfunctions' }] }))[0]).toMatch(/stateMachineArnOutput/);
    expect(issuesOf(validMetadata({ dashboards: [{ kind: 'kafka', clusterArnParameter: 'ClusterArn', topicArnOutput: 'X' }] }))[0]).toMatch(
      /^dashboards\.0/,
    );
    expect(issuesOf(validMetadata({ dashboards: [{ kind: 'radar' }] }))[0]).toMatch(/^dashboards\.0\.kind/);
  });

  it('validates cost profiles against the service limits', () => {
    expect(issuesOf(validMetadata({ cost: { kind: 'lambda', memoryMb: 64, durationMs: 1, invocationsPerMonth: 1, architecture: 'arm64' } }))[0]).toMatch(
      /^cost\.memoryMb/,
    );
    const batch = {
      kind: 'sqs-batch',
      messagesPerDay: 1_000_000,
      batchSize: 20_000,
      baseMemoryMb: 128,
      batchMemoryOverheadMb: 128,
      batchIncrement: 300,
      warmLatencyMs: 20,
      perMessageMs: 10,
      messageSizeKb: 4,
      architecture: 'x86_64',
      parameterMap: { batchSize: 'BatchSize' },
    };
    expect(issuesOf(validMetadata({ cost: batch }))[0]).toMatch(/^cost\.batchSize/);
    expect(issuesOf(validMetadata({ cost: { ...batch, batchSize: 100, parameterMap: { colour: 'X' } } }))[0]).toMatch(/^cost\.parameterMap/);
    expect(issuesOf(validMetadata({ cost: { kind: 'none', note: 'IAM only.' } }))).toEqual([]);
  });

  it('requires a reason for blueprints that cannot run in the sandbox, and no sandbox parameters then', () => {
    expect(issuesOf(validMetadata({ sandbox: { deployable: false } }))[0]).toMatch(/^sandbox\.reason/);
    expect(issuesOf(validMetadata({ sandbox: { deployable: false, reason: 'Needs a real Kafka cluster.' }, sandboxParameters: { A: 'b' } }))).toEqual([
      'sandboxParameters: only sandbox-deployable blueprints take sandbox parameters',
    ]);
  });

  it('accepts only known services, categories and levels', () => {
    expect(issuesOf(validMetadata({ services: ['Amazon Lambda'] }))[0]).toMatch(/^services\.0/);
    expect(issuesOf(validMetadata({ category: 'misc' }))[0]).toMatch(/^category/);
    expect(issuesOf(validMetadata({ level: 250 }))[0]).toMatch(/^level/);
  });
});

describe('compareSemver', () => {
  it.each([
    ['1.0.0', '1.0.1', -1],
    ['1.10.0', '1.9.9', 1],
    ['2.0.0', '2.0.0', 0],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-rc.1', '1.0.0-beta.11', 1],
    ['1.0.0+build.1', '1.0.0+build.2', 0],
  ])('compares %s with %s', (a, b, expected) => {
    expect(compareSemver(a, b)).toBe(expected);
  });
});
