import { describe, expect, it } from 'vitest';

import type { BlueprintSummaryDto } from '@/lib/blueprints/types';

import { filterBlueprints, normaliseService, serviceSearchNames, toSearchEntry } from './search';

function summary(slug: string, overrides: Partial<BlueprintSummaryDto> = {}): BlueprintSummaryDto {
  return {
    slug,
    version: '1.0.0',
    title: slug,
    summary: 'A pattern.',
    category: 'messaging',
    level: 200,
    services: ['Amazon SQS'],
    tags: [],
    dashboards: [],
    sandboxReady: false,
    source: { title: 'Post', authors: ['Someone'] },
    ...overrides,
  };
}

const entries = [
  summary('queue-encryption', { title: 'Encrypted queue', services: ['Amazon SQS', 'AWS KMS'], tags: ['encryption'], sandboxReady: true, category: 'security' }),
  summary('kafka-producer', { title: 'Kafka producer', services: ['Amazon MSK', 'AWS Lambda'], dashboards: ['kafka'], category: 'streaming' }),
  summary('batch', { title: 'Batch processing', summary: 'Processes queue messages with encryption at rest.', services: ['Amazon SQS', 'AWS Lambda'], dashboards: ['cost'], sandboxReady: true }),
].map(toSearchEntry);

const slugs = (query: Parameters<typeof filterBlueprints>[1]) => filterBlueprints(entries, query).map((row) => row.slug);

describe('filterBlueprints', () => {
  it('returns everything, by title, without a query', () => {
    expect(slugs({})).toEqual(['batch', 'queue-encryption', 'kafka-producer']);
  });

  it('requires every word and ranks title matches above tag and summary matches', () => {
    expect(slugs({ q: 'encryption' })).toEqual(['queue-encryption', 'batch']);
    expect(slugs({ q: 'Queue   ENCRYPTION' })).toEqual(['queue-encryption', 'batch']);
    expect(slugs({ q: 'encryption kafka' })).toEqual([]);
  });

  it('matches services whatever the prefix or case', () => {
    expect(slugs({ service: 'lambda' })).toEqual(['batch', 'kafka-producer']);
    expect(slugs({ service: 'AWS Lambda' })).toEqual(['batch', 'kafka-producer']);
    expect(slugs({ q: 'msk' })).toEqual(['kafka-producer']);
    expect(normaliseService('Amazon MSK')).toBe('msk');
  });

  it('filters by category, dashboard and sandbox readiness', () => {
    expect(slugs({ category: 'security' })).toEqual(['queue-encryption']);
    expect(slugs({ dashboard: 'kafka' })).toEqual(['kafka-producer']);
    expect(slugs({ sandboxReady: true })).toEqual(['batch', 'queue-encryption']);
    expect(slugs({ sandboxReady: false })).toEqual(['kafka-producer']);
    expect(slugs({ sandboxReady: true, service: 'kms', q: 'queue' })).toEqual(['queue-encryption']);
  });
});

describe('service aliases', () => {
  const catalog = [
    summary('jcl-batch', { title: 'Mainframe batch job', services: ['AWS Step Functions', 'Amazon S3'] }),
    summary('kafka-consumer', { title: 'Consumer group', services: ['Amazon MSK'] }),
    summary('orders-api', { title: 'Orders', services: ['Amazon API Gateway', 'Amazon DynamoDB', 'Amazon EventBridge'] }),
    summary('plain-queue', { title: 'Queue', services: ['Amazon SQS'] }),
  ].map(toSearchEntry);
  const found = (query: Parameters<typeof filterBlueprints>[1]) => filterBlueprints(catalog, query).map((row) => row.slug);

  it('finds Step Functions blueprints by the names people type for it', () => {
    for (const q of ['stepfunctions', 'step-functions', 'Step Functions', 'sfn', 'states', 'StepFunctions']) expect(found({ q }), q).toEqual(['jcl-batch']);
  });

  it('finds other services by their SDK names and abbreviations', () => {
    expect(found({ q: 'kafka' })).toEqual(['kafka-consumer']);
    for (const q of ['apigw', 'apigateway', 'api-gateway', 'ddb', 'dynamo', 'events', 'eventbridge']) expect(found({ q }), q).toEqual(['orders-api']);
  });

  it('filters by a service given by an alias', () => {
    expect(found({ service: 'sfn' })).toEqual(['jcl-batch']);
    expect(found({ service: 'dynamo' })).toEqual(['orders-api']);
    expect(normaliseService('AWS Step Functions')).toBe('step functions');
    expect(normaliseService('stepfunctions')).toBe('step functions');
    // Shared by two services: names neither.
    expect(normaliseService('containers')).toBe('containers');
    expect(serviceSearchNames('Amazon API Gateway')).toEqual(expect.arrayContaining(['api gateway', 'apigateway', 'api-gateway', 'apigw']));
  });
});
