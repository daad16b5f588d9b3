import { describe, expect, it } from 'vitest';

import type { BlueprintSummaryDto } from '@/lib/blueprints/types';

import { filterBlueprints, normaliseService, toSearchEntry } from './search';

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

  it('stays fast with hundreds of blueprints', () => {
    const many = Array.from({ length: 500 }, (_, index) =>
      toSearchEntry(summary(`pattern-${index}`, { title: `Pattern ${index}`, tags: [`tag-${index % 17}`], summary: 'x '.repeat(100) })),
    );
    const started = performance.now();
    for (let run = 0; run < 200; run += 1) filterBlueprints(many, { q: 'pattern tag-3', service: 'sqs' });
    expect((performance.now() - started) / 200).toBeLessThan(5);
  });
});
