import { describe, expect, it } from 'vitest';

import { DEFAULT_ESTIMATOR_STATE, type EstimatorState } from './estimator-state';
import { decodeEstimatorState, encodeEstimatorState, sanitizeEstimatorState } from './url-state';

const postExample: EstimatorState = {
  ...DEFAULT_ESTIMATOR_STATE,
  includeFreeTier: false,
  lambda: { memoryMb: 2048, durationMs: 60_000, invocationsPerMonth: 75_000_000, ephemeralStorageMb: 512, useTiers: true },
};

const everythingChanged: EstimatorState = {
  mode: 'sqs-batch',
  architecture: 'arm64',
  region: 'eu-central-1',
  includeFreeTier: false,
  lambda: { memoryMb: 3008, durationMs: 1e-7, invocationsPerMonth: 1_000_000_000_000, ephemeralStorageMb: 10_240, useTiers: false },
  sqs: {
    messagesPerDay: 250_000_000,
    batchSizes: [1, 10, 250, 10_000],
    baseMemoryMb: 512,
    batchMemoryOverheadMb: 0,
    batchIncrement: 7,
    warmLatencyMs: 0.25,
    perMessageMs: 0.1,
    messageSizeKb: 256,
    batchingWindowS: 300,
    includeSqsRequests: true,
  },
  logAxes: false,
};

/** A URL carrying `value` in `?state=`, read back the way the page reads it. */
function throughUrl(value: string): string | null {
  const url = new URL('https://slipway.example/cost');
  url.searchParams.set('state', value);
  return new URL(url.toString()).searchParams.get('state');
}

describe('encodeEstimatorState / decodeEstimatorState', () => {
  it('encodes the defaults as just the version', () => {
    expect(encodeEstimatorState(DEFAULT_ESTIMATOR_STATE)).toBe('1');
    expect(decodeEstimatorState('1')).toEqual({ state: DEFAULT_ESTIMATOR_STATE, ignored: [] });
  });

  it('lists only what differs, in a short readable form', () => {
    expect(encodeEstimatorState(postExample)).toBe('1_f.0_mem.2048_dur.60000_inv.75000000');
  });

  it.each([
    ['the post example', postExample],
    ['every field changed', everythingChanged],
    [
      'an SQS state with a fractional per-message time',
      { ...DEFAULT_ESTIMATOR_STATE, mode: 'sqs-batch', sqs: { ...DEFAULT_ESTIMATOR_STATE.sqs, perMessageMs: 0.3 } },
    ],
  ] as const)('round-trips %s through a real URL', (_name, state: EstimatorState) => {
    const encoded = encodeEstimatorState(state);
    const url = new URL('https://slipway.example/cost');
    url.searchParams.set('state', encoded);
    expect(url.search).toBe(`?state=${encoded}`);
    expect(decodeEstimatorState(throughUrl(encoded))).toEqual({ state, ignored: [] });
  });

  it('round-trips randomly generated valid states', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    for (let run = 0; run < 200; run++) {
      const state: EstimatorState = {
        mode: pick(['lambda', 'sqs-batch'] as const),
        architecture: pick(['x86_64', 'arm64'] as const),
        region: pick(['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2']),
        includeFreeTier: random() < 0.5,
        lambda: {
          memoryMb: 128 + Math.floor(random() * 10_113),
          durationMs: pick([1, 0.5, 12.75, 900_000, Math.round(random() * 1e6) / 1e3 + 0.001]),
          invocationsPerMonth: Math.floor(random() * 1e12),
          ephemeralStorageMb: 512 + Math.floor(random() * 9_729),
          useTiers: random() < 0.5,
        },
        sqs: {
          messagesPerDay: Math.floor(random() * 1e10),
          batchSizes: Array.from({ length: 1 + Math.floor(random() * 15) }, () => 1 + Math.floor(random() * 10_000)),
          baseMemoryMb: 128 + Math.floor(random() * 2_000),
          batchMemoryOverheadMb: Math.floor(random() * 512),
          batchIncrement: 1 + Math.floor(random() * 1_000),
          warmLatencyMs: Math.round(random() * 1e4) / 100,
          perMessageMs: Math.round(random() * 1e4) / 1000,
          messageSizeKb: 1 + Math.floor(random() * 1_023),
          batchingWindowS: Math.floor(random() * 301),
          includeSqsRequests: random() < 0.5,
        },
        logAxes: random() < 0.5,
      };
      expect(decodeEstimatorState(throughUrl(encodeEstimatorState(state)))).toEqual({ state, ignored: [] });
    }
  });

  it('keeps a link short even with every field set', () => {
    expect(encodeEstimatorState(everythingChanged).length).toBeLessThan(200);
  });

  it('drops unknown keys and malformed values, and keeps the rest', () => {
    const { state, ignored } = decodeEstimatorState('1_mem.2048_colour.blue_dur.fast_bs.1-x-3_f.maybe__inv_a.x86_64');
    expect(state.lambda.memoryMb).toBe(2048);
    expect(state.lambda.durationMs).toBe(DEFAULT_ESTIMATOR_STATE.lambda.durationMs);
    expect(state.sqs.batchSizes).toEqual(DEFAULT_ESTIMATOR_STATE.sqs.batchSizes);
    expect(state.includeFreeTier).toBe(DEFAULT_ESTIMATOR_STATE.includeFreeTier);
    expect(ignored).toEqual([
      'colour (not a known setting)',
      'dur (not a valid duration per invocation)',
      'bs (not a valid batch sizes)',
      'f (not a valid free tier)',
      'inv (not a valid invocations per month)',
      // "a.x86_64" splits at the separator: a.x86 (x86_64, the default) and a stray "64".
      '64 (not a known setting)',
    ]);
  });

  it('resets values the model rejects, naming the rule', () => {
    const { state, ignored } = decodeEstimatorState('1_mem.64_r.mars-north-1_bs.0-10_mpd.-5_a.arm');
    expect(state).toEqual({ ...DEFAULT_ESTIMATOR_STATE, architecture: 'arm64' });
    expect(ignored).toEqual(
      expect.arrayContaining([
        'mem (Memory must be between 128 and 10,240 MB)',
        expect.stringMatching(/^r \(Pricing region must be one of the priced regions/),
        'bs (Batch sizes must be whole numbers of at least 1)',
        'mpd (Messages per day must not be negative)',
      ]),
    );
    expect(ignored).toHaveLength(4);
  });

  it('ignores a link from another format version, or an absurdly long one', () => {
    expect(decodeEstimatorState('2_mem.2048')).toEqual({
      state: DEFAULT_ESTIMATOR_STATE,
      ignored: ['the whole link (unknown format version "2")'],
    });
    expect(decodeEstimatorState(`1_${'x'.repeat(3_000)}`).ignored).toEqual(['the whole link (too long)']);
    expect(decodeEstimatorState(null)).toEqual({ state: DEFAULT_ESTIMATOR_STATE, ignored: [] });
    expect(decodeEstimatorState('')).toEqual({ state: DEFAULT_ESTIMATOR_STATE, ignored: [] });
  });
});

describe('sanitizeEstimatorState', () => {
  it('keeps a valid state as it is', () => {
    expect(sanitizeEstimatorState(everythingChanged)).toEqual({ state: everythingChanged, ignored: [] });
  });

  it('resets missing and rejected fields of a state from outside the form', () => {
    const broken = {
      ...postExample,
      lambda: { ...postExample.lambda, memoryMb: 99_999, durationMs: undefined },
      sqs: { ...postExample.sqs, batchSizes: 'ten' },
    } as unknown as EstimatorState;
    const { state, ignored } = sanitizeEstimatorState(broken);
    expect(state).toEqual({
      ...postExample,
      lambda: { ...postExample.lambda, memoryMb: DEFAULT_ESTIMATOR_STATE.lambda.memoryMb, durationMs: DEFAULT_ESTIMATOR_STATE.lambda.durationMs },
    });
    expect(ignored).toEqual(['dur (not a valid duration per invocation)', 'bs (not a valid batch sizes)', 'mem (Memory must be between 128 and 10,240 MB)']);
  });
});
