import { describe, expect, it } from 'vitest';

import { estimateGroupTimeLag, estimatePartitionTimeLag, estimatePartitionTimeLagDetail } from './time-lag';

const s = (seconds: number, logEndOffset: number) => ({ at: seconds * 1000, logEndOffset: BigInt(logEndOffset) });
const NOW = 100_000; // t = 100 s

describe('estimatePartitionTimeLag', () => {
  // 10 records/s from t=0 to t=90
  const steady = [s(0, 0), s(30, 300), s(60, 600), s(90, 900)];

  it('interpolates linearly between the samples bracketing the committed offset', () => {
    // offset 450 was written at t=45 → 55 s behind at t=100
    expect(estimatePartitionTimeLag(450n, steady, NOW)).toBeCloseTo(55);
  });

  it('uses the sample time exactly when the committed offset was sampled', () => {
    expect(estimatePartitionTimeLag(600n, steady, NOW)).toBeCloseTo(40);
  });

  it('is 0 when caught up with the newest end (or past it)', () => {
    expect(estimatePartitionTimeLag(900n, steady, NOW)).toBe(0);
    expect(estimatePartitionTimeLag(950n, steady, NOW)).toBe(0);
  });

  it('does not extrapolate before the oldest sample: the oldest sample’s age is a lower bound, flagged', () => {
    // A transactional topic: log-end growth counts a marker per transaction, so a rate projected back
    // from it would double the age. Offset 500 was written before t=60: at least 40 s ago.
    const slowing = [s(60, 700), s(80, 850), s(90, 900)];
    expect(estimatePartitionTimeLagDetail(500n, slowing, NOW)).toEqual({ seconds: 40, isLowerBound: true });
    expect(estimatePartitionTimeLagDetail(750n, slowing, NOW)).toEqual({ seconds: expect.closeTo(33.33, 1), isLowerBound: false });
  });

  it('picks the last moment the end still sat at the offset across a flat stretch', () => {
    // the producer paused at 500 from t=20 to t=60; record 500 was written after t=60
    const paused = [s(0, 0), s(20, 500), s(40, 500), s(60, 500), s(70, 600)];
    expect(estimatePartitionTimeLag(500n, paused, NOW)).toBeCloseTo(40);
    // record 250 was written during the first burst, at t=10
    expect(estimatePartitionTimeLag(250n, paused, NOW)).toBeCloseTo(90);
  });

  it('accepts samples in any order', () => {
    expect(estimatePartitionTimeLag(450n, [...steady].reverse(), NOW)).toBeCloseTo(55);
  });

  it('is null without a commit', () => {
    expect(estimatePartitionTimeLag(null, steady, NOW)).toBeNull();
  });

  it('is a lower bound with a single sample behind the end', () => {
    expect(estimatePartitionTimeLagDetail(10n, [s(90, 900)], NOW)).toEqual({ seconds: 10, isLowerBound: true });
  });

  it('is a lower bound when the end never moved in the history and the offset predates it', () => {
    expect(estimatePartitionTimeLagDetail(10n, [s(60, 900), s(90, 900)], NOW)).toEqual({ seconds: 40, isLowerBound: true });
  });

  it('is null with no history at all', () => {
    expect(estimatePartitionTimeLag(10n, [], NOW)).toBeNull();
  });

  it('ignores history from before the topic was recreated (end went backwards)', () => {
    const recreated = [s(0, 5000), s(30, 6000), s(60, 0), s(90, 300)];
    expect(estimatePartitionTimeLag(150n, recreated, NOW)).toBeCloseTo(25);
  });

  it('never reports a negative lag when the clock is behind the samples', () => {
    expect(estimatePartitionTimeLag(450n, steady, 40_000)).toBe(0);
  });
});

describe('estimateGroupTimeLag', () => {
  it('reports the worst partition; an uncommitted empty partition cannot be behind and is left out', () => {
    const history = [s(0, 0), s(90, 900)];
    const lag = estimateGroupTimeLag(
      'billing',
      [
        { topic: 'orders', partition: 0, committedOffset: 900n, endOffsetHistory: history },
        { topic: 'orders', partition: 1, committedOffset: 300n, endOffsetHistory: history },
        { topic: 'orders', partition: 2, committedOffset: null, logStartOffset: 900n, endOffsetHistory: history },
      ],
      NOW,
    );
    expect(lag).toEqual({
      groupId: 'billing',
      maxSecondsBehind: 70,
      unknownPartitionCount: 0,
      isLowerBound: false,
      partitions: [
        { topic: 'orders', partition: 0, secondsBehind: 0, isLowerBound: false },
        { topic: 'orders', partition: 1, secondsBehind: 70, isLowerBound: false },
        { topic: 'orders', partition: 2, secondsBehind: null, isLowerBound: false },
      ],
    });
  });

  it('never reports 0 for a group with a partition behind: a flat history gives a lower bound, flagged', () => {
    // demo-billing: one partition caught up (0 s), one 80 records behind with a flat history.
    const flat = [s(0, 580), s(30, 580), s(60, 580)];
    const lag = estimateGroupTimeLag(
      'demo-billing',
      [
        { topic: 'payments', partition: 0, committedOffset: 580n, endOffsetHistory: flat },
        { topic: 'payments', partition: 1, committedOffset: 500n, endOffsetHistory: flat },
      ],
      NOW,
    );
    expect(lag.partitions.map((p) => [p.secondsBehind, p.isLowerBound])).toEqual([
      [0, false],
      [100, true],
    ]);
    expect(lag).toMatchObject({ maxSecondsBehind: 100, isLowerBound: true, unknownPartitionCount: 0 });
  });

  it('stays null (never 0) when a partition that is behind has no history yet', () => {
    const lag = estimateGroupTimeLag(
      'g',
      [
        { topic: 't', partition: 0, committedOffset: 580n, endOffsetHistory: [s(60, 580)] },
        { topic: 't', partition: 1, committedOffset: 500n, endOffsetHistory: [] },
      ],
      NOW,
    );
    expect(lag).toMatchObject({ maxSecondsBehind: null, unknownPartitionCount: 1 });
  });

  it('counts an uncommitted partition with records waiting as unknown', () => {
    const history = [s(0, 0), s(90, 900)];
    const lag = estimateGroupTimeLag(
      'g',
      [
        { topic: 't', partition: 0, committedOffset: 900n, endOffsetHistory: history },
        { topic: 't', partition: 1, committedOffset: null, logStartOffset: 0n, endOffsetHistory: history },
      ],
      NOW,
    );
    expect(lag).toMatchObject({ maxSecondsBehind: null, unknownPartitionCount: 1 });
  });

  it('is null for the group when no partition can be estimated', () => {
    const lag = estimateGroupTimeLag('new', [{ topic: 't', partition: 0, committedOffset: null, endOffsetHistory: [] }], NOW);
    expect(lag.maxSecondsBehind).toBeNull();
  });
});
