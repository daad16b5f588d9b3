import { describe, expect, it } from 'vitest';

import { DEFAULT_COST_GRID_BASE } from './cost-grid';
import type { ScenarioInput } from './estimator-state';
import { compareScenarios, summariseScenario } from './scenario-compare';

const lambda = (memoryMb: number, extra: Record<string, unknown> = {}): ScenarioInput => ({
  kind: 'lambda',
  input: {
    architecture: 'x86_64',
    region: 'us-east-1',
    memoryMb,
    durationMs: 60_000,
    invocationsPerMonth: 75_000_000,
    ephemeralStorageMb: 512,
    includeFreeTier: false,
    ...extra,
  },
});

describe('compareScenarios', () => {
  it('flags exactly the inputs that differ, and the totals', () => {
    const comparison = compareScenarios(lambda(2048), lambda(1024));
    const differing = comparison.inputs.filter((row) => row.differs).map((row) => row.key);
    expect(differing).toEqual(['memoryMb']);
    expect(comparison.inputs.find((row) => row.key === 'memoryMb')).toMatchObject({ label: 'Memory', a: '2,048 MB', b: '1,024 MB' });
    expect(comparison.results[0]).toMatchObject({ label: 'Monthly cost', a: '$145,015.29', differs: true });
    expect(comparison.totalCostA).toBe(145015.29);
    expect(comparison.totalCostB).toBeLessThan(145015.29);
  });

  it('treats a left-out optional input as the model’s default', () => {
    const comparison = compareScenarios(lambda(2048), lambda(2048, { useTiers: true }));
    expect(comparison.inputs.every((row) => !row.differs)).toBe(true);
    expect(comparison.results.every((row) => !row.differs)).toBe(true);
  });

  it('compares a Lambda scenario with an SQS one field by field', () => {
    const sqs: ScenarioInput = { kind: 'sqs-batch', input: { ...DEFAULT_COST_GRID_BASE, batchSizes: [10, 100] } };
    const comparison = compareScenarios(lambda(2048), sqs);
    expect(comparison.inputs[0]).toMatchObject({ key: 'kind', a: 'Lambda function', b: 'SQS batch processing', differs: true });
    expect(comparison.inputs.find((row) => row.key === 'batchSizes')).toMatchObject({ a: '—', b: '10, 100', differs: true });
    expect(comparison.results.find((row) => row.key === 'cheapestBatchSize')).toMatchObject({ a: '—', b: '100' });
  });

  it('does not price a stored input the model now rejects', () => {
    const comparison = compareScenarios(lambda(64), lambda(2048));
    expect(comparison.totalCostA).toBeNull();
    expect(comparison.results[0]?.a).toBe('not priceable');
  });
});

describe('summariseScenario', () => {
  it('tells scenarios apart in one line', () => {
    expect(summariseScenario(lambda(2048))).toBe('2,048 MB · 60,000 ms · 75,000,000 a month · x86_64 · us-east-1');
    expect(summariseScenario({ kind: 'sqs-batch', input: { ...DEFAULT_COST_GRID_BASE, batchSizes: [10] } })).toBe(
      '10,000,000 messages a day · 1 batch size · x86_64 · us-east-1',
    );
  });
});
