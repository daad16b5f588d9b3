import { describe, expect, it } from 'vitest';
import { applyScenarioInput, DEFAULT_ESTIMATOR_STATE } from '@/lib/cost/estimator-state';
import { DEFAULT_BATCH_SIZES } from '@/lib/cost/cost-grid';
import { getCostPrefillForBlueprint, getCostPrefillForLaunch } from '@/server/cost/prefill';

describe('getCostPrefillForBlueprint', () => {
  it('turns a Lambda profile into estimator inputs in us-east-1 without the free tier', () => {
    const prefill = getCostPrefillForBlueprint('sns-message-data-protection', {
      kind: 'lambda',
      memoryMb: 128,
      durationMs: 20,
      invocationsPerMonth: 200_000,
      architecture: 'x86_64',
      parameterMap: {},
    });
    expect(prefill).toEqual({
      status: 'prefilled',
      slug: 'sns-message-data-protection',
      scenario: {
        kind: 'lambda',
        input: {
          architecture: 'x86_64',
          region: 'us-east-1',
          includeFreeTier: false,
          memoryMb: 128,
          durationMs: 20,
          invocationsPerMonth: 200_000,
          ephemeralStorageMb: 512,
        },
      },
    });
  });

  it('turns an SQS batch profile into the batch comparison, including the profile’s batch size', () => {
    const prefill = getCostPrefillForBlueprint('sqs-batch-lambda', {
      kind: 'sqs-batch',
      messagesPerDay: 1_000_000,
      batchSize: 25,
      baseMemoryMb: 128,
      batchMemoryOverheadMb: 128,
      batchIncrement: 300,
      warmLatencyMs: 20,
      perMessageMs: 10,
      messageSizeKb: 4,
      architecture: 'arm64',
      parameterMap: { batchSize: 'BatchSize' },
    });
    if (prefill.status !== 'prefilled' || prefill.scenario.kind !== 'sqs-batch') throw new Error('expected an SQS prefill');
    const { input } = prefill.scenario;
    expect(input.batchSizes).toEqual([...DEFAULT_BATCH_SIZES, 25].sort((a, b) => a - b));
    expect(input).toMatchObject({ messagesPerDay: 1_000_000, architecture: 'arm64', batchingWindowS: 1, includeSqsRequests: true, region: 'us-east-1' });

    const state = applyScenarioInput(DEFAULT_ESTIMATOR_STATE, prefill.scenario);
    expect(state.mode).toBe('sqs-batch');
    expect(state.sqs.messagesPerDay).toBe(1_000_000);
    expect(state.lambda).toEqual(DEFAULT_ESTIMATOR_STATE.lambda);
  });

  it('uses the region and free tier it is given', () => {
    const prefill = getCostPrefillForBlueprint(
      'x',
      { kind: 'lambda', memoryMb: 512, durationMs: 5, invocationsPerMonth: 1, architecture: 'arm64' },
      { region: 'eu-west-1', includeFreeTier: true },
    );
    expect(prefill.status === 'prefilled' && prefill.scenario.input).toMatchObject({ region: 'eu-west-1', includeFreeTier: true });
  });

  it('explains profiles the estimator does not model, and unknown blueprints', () => {
    expect(getCostPrefillForBlueprint('orders', { kind: 'stepfunctions' })).toMatchObject({
      status: 'unsupported',
      reason: expect.stringMatching(/Step Functions/),
    });
    expect(getCostPrefillForBlueprint('queue', { kind: 'sqs' })).toMatchObject({ status: 'unsupported' });
    expect(getCostPrefillForBlueprint('iam', { kind: 'none' })).toMatchObject({ status: 'unsupported', reason: 'Nothing in it is billed per use.' });
    expect(getCostPrefillForBlueprint('nope', undefined)).toEqual({ status: 'not-found', slug: 'nope' });
  });

  it('refuses a profile the model would reject, saying why', () => {
    const prefill = getCostPrefillForBlueprint('huge', { kind: 'lambda', memoryMb: 20_000, durationMs: 5, invocationsPerMonth: 1, architecture: 'arm64' });
    expect(prefill).toMatchObject({ status: 'unsupported', reason: expect.stringContaining('memoryMb must be between 128 and 10240') });
  });
});

describe('getCostPrefillForLaunch', () => {
  const sqsBatchProfile = {
    kind: 'sqs-batch',
    messagesPerDay: 1_000_000,
    batchSize: 10,
    baseMemoryMb: 128,
    batchMemoryOverheadMb: 128,
    batchIncrement: 300,
    warmLatencyMs: 20,
    perMessageMs: 10,
    messageSizeKb: 4,
    architecture: 'arm64',
    parameterMap: { batchSize: 'BatchSize', baseMemoryMb: 'FunctionMemory', architecture: 'Architecture', batchingWindowSeconds: 'BatchingWindowSeconds' },
  } as const;
  const launch = {
    id: 'l1',
    stackName: 'orders-batch',
    blueprintSlug: 'sqs-batch-lambda',
    region: 'eu-west-1',
    parameters: { BatchSize: '250', FunctionMemory: '512', Architecture: 'x86_64', BatchingWindowSeconds: '5', FilterPattern: '' },
  };

  it('puts the launch’s parameter values in place of the profile’s figures, in the launch’s region', () => {
    const prefill = getCostPrefillForLaunch(launch, sqsBatchProfile);
    if (prefill.status !== 'prefilled' || prefill.scenario.kind !== 'sqs-batch') throw new Error('expected an SQS prefill');
    expect(prefill.scenario.input).toMatchObject({
      baseMemoryMb: 512,
      architecture: 'x86_64',
      batchingWindowS: 5,
      region: 'eu-west-1',
      includeFreeTier: false,
      includeSqsRequests: true,
    });
    // The launched batch size joins the comparison.
    expect(prefill.scenario.input.batchSizes).toContain(250);
    expect(prefill.fromParameters).toEqual({ BatchSize: '250', FunctionMemory: '512', Architecture: 'x86_64', BatchingWindowSeconds: '5' });
  });

  it('prices a region missing from the price table at us-east-1', () => {
    const prefill = getCostPrefillForLaunch({ ...launch, region: 'sa-east-1' }, sqsBatchProfile);
    expect(prefill.status === 'prefilled' && prefill.scenario.input.region).toBe('us-east-1');
  });

  it('names the parameter whose launched value the model rejects', () => {
    const prefill = getCostPrefillForLaunch({ ...launch, parameters: { FunctionMemory: '64' } }, sqsBatchProfile);
    expect(prefill).toMatchObject({
      status: 'unsupported',
      reason: expect.stringContaining('FunctionMemory = 64: baseMemoryMb must be between 128 and 10240'),
    });
  });

  it('falls back to the blueprint’s answer for profiles the estimator does not model', () => {
    expect(getCostPrefillForLaunch(launch, { kind: 'none' })).toMatchObject({ status: 'unsupported' });
    expect(getCostPrefillForLaunch(launch, undefined)).toEqual({ status: 'not-found', slug: 'sqs-batch-lambda' });
  });
});
