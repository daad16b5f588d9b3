import { describe, expect, it } from 'vitest';

import { DEFAULT_PROFILE_CONTEXT } from './cost-profile';
import { estimateQueueCost, estimateStepFunctionsCost } from './service-costs';

describe('estimateStepFunctionsCost', () => {
  it('prices a Standard workflow by state transitions: blueprint ec2-state-change-enrichment is $4.50 a month', () => {
    const estimate = estimateStepFunctionsCost(
      { kind: 'stepfunctions', workflowType: 'STANDARD', executionsPerMonth: 30_000, transitionsPerExecution: 6 },
      DEFAULT_PROFILE_CONTEXT,
    );
    expect(estimate).toEqual({
      kind: 'priced',
      totalCost: 4.5,
      usage: '180,000 state transitions a month',
      calculation: ['30,000 executions × 6 state transitions = 180,000 transitions.', '180,000 × $0.025 per 1,000 = $4.50.'],
    });
  });

  it('takes the 4,000 free transitions off when the free tier applies', () => {
    const estimate = estimateStepFunctionsCost(
      { kind: 'stepfunctions', workflowType: 'STANDARD', executionsPerMonth: 1000, transitionsPerExecution: 5 },
      { region: 'eu-west-1', includeFreeTier: true },
    );
    expect(estimate.kind === 'priced' && estimate.totalCost).toBe(0.03); // 1,000 × $0.000025
  });

  it('prices an Express workflow by requests and duration in 100 ms and 64 MB steps', () => {
    const estimate = estimateStepFunctionsCost(
      { kind: 'stepfunctions', workflowType: 'EXPRESS', executionsPerMonth: 1_000_000, transitionsPerExecution: 5, durationMs: 80, memoryMb: 50 },
      DEFAULT_PROFILE_CONTEXT,
    );
    // $1.00 of requests + 1,000,000 × 0.1 s × 0.0625 GB = 6,250 GB-s × $0.00001667 = $0.1041875.
    expect(estimate).toMatchObject({ kind: 'priced', totalCost: 1.1 });
    if (estimate.kind !== 'priced') throw new Error('expected a price');
    expect(estimate.calculation[1]).toContain('100 ms (rounded up to 100 ms) × 64 MB (in 64 MB steps) = 6,250 GB-s = $0.10');
  });

  it('says why it cannot price an Express workflow outside the regions with Express rates', () => {
    const estimate = estimateStepFunctionsCost(
      { kind: 'stepfunctions', workflowType: 'EXPRESS', executionsPerMonth: 10, transitionsPerExecution: 5, durationMs: 80, memoryMb: 64 },
      { region: 'eu-central-1', includeFreeTier: false },
    );
    expect(estimate).toEqual({ kind: 'unpriced', reason: expect.stringMatching(/no Express workflow rates for eu-central-1/) });
  });
});

describe('estimateQueueCost', () => {
  it('prices a queue’s requests: blueprint sqs-managed-encryption is $3.65 a month', () => {
    const estimate = estimateQueueCost({ kind: 'sqs', messagesPerDay: 100_000, messageSizeKb: 4, requestsPerMessage: 3 }, DEFAULT_PROFILE_CONTEXT);
    expect(estimate).toMatchObject({ kind: 'priced', totalCost: 3.65, usage: '9,125,001 SQS requests a month' });
  });

  it('bills large messages per 64 KB chunk', () => {
    const estimate = estimateQueueCost({ kind: 'sqs', messagesPerDay: 100_000, messageSizeKb: 200, requestsPerMessage: 3 }, DEFAULT_PROFILE_CONTEXT);
    expect(estimate.kind === 'priced' && estimate.totalCost).toBe(14.6); // 4 chunks each
  });
});
