import { describe, expect, it } from 'vitest';

import { evaluateGroupStatus, evaluatePartitionStatus, formatDuration } from './status';

const MINUTE = 60_000;

/** A window sampled once a minute, t = 0..n−1 minutes; rows are [committed, logEnd]. */
function window(rows: [number | null, number][], extra: { hasActiveOwner?: boolean; partition?: number; topic?: string } = {}) {
  return rows.map(([committed, end], i) => ({
    at: i * MINUTE,
    topic: extra.topic ?? 'orders',
    partition: extra.partition ?? 2,
    committedOffset: committed === null ? null : BigInt(committed),
    logStartOffset: 0n,
    logEndOffset: BigInt(end),
    ...(extra.hasActiveOwner === undefined ? {} : { hasActiveOwner: extra.hasActiveOwner }),
  }));
}
/** "now" is one sampling interval after the last sample. */
const nowAfter = (rows: unknown[]) => rows.length * MINUTE;

describe('evaluatePartitionStatus', () => {
  it('AHEAD when the commit is past the log end (topic recreated), with the negative lag and the likely cause', () => {
    const w = window([
      [900, 950],
      [950, 950],
      [950, 20],
    ]);
    const status = evaluatePartitionStatus(w, nowAfter(w));
    expect(status).toMatchObject({ status: 'AHEAD', severity: 'error', currentLag: '-930' });
    expect(status.reason).toMatch(/committed offset 950 is 930 past the log end 20: the topic was likely deleted and recreated, or its log truncated/);
  });

  it('AHEAD ranks above STOP in a group (and below REWIND)', () => {
    const ahead = window([[50, 10]], { partition: 0 });
    const stopped = window(
      [
        [100, 200],
        [100, 300],
        [100, 400],
      ],
      { partition: 1 },
    );
    expect(evaluateGroupStatus('g', [...ahead, ...stopped], nowAfter(stopped)).status).toBe('AHEAD');
  });

  it('OK when the latest sample has zero lag', () => {
    const w = window([
      [100, 900],
      [900, 950],
      [950, 950],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w))).toMatchObject({
      status: 'OK',
      severity: 'ok',
      reason: 'partition orders-2 is caught up at offset 950',
      currentLag: '0',
    });
  });

  it('OK when lag shrinks while commits advance', () => {
    const w = window([
      [100, 1000],
      [400, 1100],
      [800, 1200],
      [1100, 1300],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w))).toMatchObject({
      status: 'OK',
      reason: 'partition orders-2 has lag 200 (was 900 4 samples ago) and commits advance',
    });
  });

  it('OK when lag was zero anywhere in the window (Burrow rule 1)', () => {
    const w = window([
      [100, 200],
      [200, 200],
      [300, 400],
      [350, 500],
      [400, 600],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w))).toMatchObject({
      status: 'OK',
      reason: 'partition orders-2 was caught up within the last 5 samples; lag is 200',
    });
  });

  it('WARN when lag grew in every interval while commits advanced (rule 5)', () => {
    const w = window([
      [1000, 1120],
      [1100, 1400],
      [1200, 1700],
      [1300, 2000],
      [1400, 2340],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w))).toMatchObject({
      status: 'WARN',
      severity: 'warning',
      reason: 'partition orders-2 lag grew from 120 to 940 over 5 samples while commits advanced',
      samplesEvaluated: 5,
    });
  });

  it('not WARN when the lag went down in one interval', () => {
    const w = window([
      [1000, 1120],
      [1100, 1400],
      [1390, 1500],
      [1400, 2000],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w)).status).toBe('OK');
  });

  it('STALL when a live consumer keeps the same committed offset while lag exists (rule 4)', () => {
    const w = window(
      [
        [120, 250],
        [120, 400],
        [120, 700],
        [120, 900],
        [120, 1060],
      ],
      { hasActiveOwner: true },
    );
    expect(evaluatePartitionStatus(w, nowAfter(w))).toMatchObject({
      status: 'STALL',
      severity: 'error',
      reason: 'partition orders-2 is assigned to a live consumer but its committed offset stayed at 120 for 5m 0s (5 samples) while lag went from 130 to 940',
    });
  });

  it('STOP when commits stopped while the log end moved on and nobody owns the partition (rule 3)', () => {
    // committed moved for 3 minutes, then sat at 300 from t=3 to now (t=8): still for longer than it moved
    const w = window(
      [
        [0, 100],
        [100, 200],
        [200, 300],
        [300, 400],
        [300, 500],
        [300, 600],
        [300, 700],
        [300, 800],
      ],
      {
        hasActiveOwner: false,
      },
    );
    expect(evaluatePartitionStatus(w, nowAfter(w))).toMatchObject({
      status: 'STOP',
      severity: 'error',
      reason:
        'partition orders-2 has had no commits for 5m 0s (5 samples): the committed offset is stuck at 300 while the log end moved from 400 to 800 (lag 500) and no live consumer is assigned to it',
    });
  });

  it('STOP while nothing new arrives says the log end stayed where it was, not that it moved', () => {
    // The e2e lagging group: records written once, an offset committed once, nothing since.
    const w = window([
      [5, 20],
      [5, 20],
      [5, 20],
      [5, 20],
    ]);
    const status = evaluatePartitionStatus(w, nowAfter(w));
    expect(status.status).toBe('STOP');
    expect(status.reason).toBe(
      'partition orders-2 has had no commits for 4m 0s (4 samples): the committed offset is stuck at 5 while the log end stayed at 20 (lag 15)',
    );
    expect(status.reason).not.toMatch(/from 20 to 20/);
  });

  it('STALL with unchanged lag says it stayed', () => {
    const w = window(
      [
        [120, 250],
        [120, 250],
        [120, 250],
      ],
      { hasActiveOwner: true },
    );
    expect(evaluatePartitionStatus(w, nowAfter(w)).reason).toBe(
      'partition orders-2 is assigned to a live consumer but its committed offset stayed at 120 for 3m 0s (3 samples) while lag stayed at 130',
    );
  });

  it('OK with commits advancing and the same lag as before says so', () => {
    const w = window([
      [100, 300],
      [150, 350],
      [200, 400],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w)).reason).toBe('partition orders-2 has lag 200 (the same 3 samples ago) and commits advance');
  });

  it('STOP without membership data says nothing about owners', () => {
    const w = window([
      [50, 100],
      [50, 200],
      [50, 300],
    ]);
    const status = evaluatePartitionStatus(w, nowAfter(w));
    expect(status.status).toBe('STOP');
    expect(status.reason).not.toMatch(/consumer is assigned/);
  });

  it('not STOP while the pause is shorter than the time commits were moving', () => {
    // commits every other sample (consumer commits every 2 minutes, sampled every minute)
    const w = window([
      [0, 100],
      [0, 200],
      [200, 300],
      [200, 400],
      [400, 500],
      [400, 600],
    ]);
    expect(evaluatePartitionStatus(w, 6 * MINUTE).status).not.toBe('STOP');
  });

  it('not STOP when data only just arrived after the consumer was caught up (recent zero lag)', () => {
    const w = window([
      [100, 100],
      [100, 100],
      [100, 100],
      [100, 100],
      [100, 110],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w)).status).toBe('OK');
  });

  it('REWIND when the committed offset went backwards and has not recovered (rule 2)', () => {
    const w = window(
      [
        [500, 600],
        [600, 700],
        [120, 800],
        [150, 900],
      ],
      { hasActiveOwner: true },
    );
    expect(evaluatePartitionStatus(w, nowAfter(w))).toMatchObject({
      status: 'REWIND',
      severity: 'error',
      reason: 'partition orders-2 committed offset went back from 600 to 120 2m 0s ago; lag is 750',
    });
  });

  it('REWIND even when lag was zero before the rewind', () => {
    const w = window([
      [700, 700],
      [700, 700],
      [0, 800],
      [10, 900],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w)).status).toBe('REWIND');
  });

  it('not REWIND once the consumer has committed past the pre-rewind offset', () => {
    const w = window([
      [500, 1000],
      [120, 1000],
      [600, 1100],
      [900, 1200],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w)).status).toBe('OK');
  });

  it('UNKNOWN with no committed offset and records waiting', () => {
    const w = window([
      [null, 340],
      [null, 340],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w))).toMatchObject({
      status: 'UNKNOWN',
      severity: 'unknown',
      reason: 'partition orders-2 has no committed offset; 340 records are waiting',
      currentLag: null,
    });
  });

  it('OK for an empty partition nobody ever committed', () => {
    const w = window([[null, 0]]);
    expect(evaluatePartitionStatus(w, nowAfter(w)).status).toBe('OK');
  });

  it('UNKNOWN while fewer samples than needed carry a commit', () => {
    const w = window([
      [null, 100],
      [null, 200],
      [50, 300],
      [60, 400],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w))).toMatchObject({
      status: 'UNKNOWN',
      reason: 'partition orders-2 has lag 340; 2 of 3 samples needed to judge the trend',
    });
  });

  it('judges only the last windowSize samples', () => {
    // an old rewind falls out of a 3-sample window
    const w = window([
      [500, 900],
      [100, 900],
      [200, 900],
      [300, 900],
      [400, 900],
    ]);
    expect(evaluatePartitionStatus(w, nowAfter(w)).status).toBe('REWIND');
    expect(evaluatePartitionStatus(w, nowAfter(w), { windowSize: 3 }).status).toBe('OK');
  });
});

describe('evaluateGroupStatus', () => {
  it('takes the worst partition status and names it, counting alike partitions', () => {
    const ok = window(
      [
        [100, 100],
        [200, 200],
        [300, 300],
      ],
      { partition: 0 },
    );
    const warn1 = window(
      [
        [1000, 1120],
        [1100, 1400],
        [1200, 1700],
      ],
      { partition: 1 },
    );
    const warn2 = window(
      [
        [1000, 1100],
        [1100, 1300],
        [1200, 1500],
      ],
      { partition: 2 },
    );
    const status = evaluateGroupStatus('billing', [...ok, ...warn1, ...warn2], 3 * MINUTE);
    expect(status).toMatchObject({
      groupId: 'billing',
      status: 'WARN',
      severity: 'warning',
      reason: 'partition orders-1 lag grew from 120 to 500 over 3 samples while commits advanced (and 1 more partition WARN)',
    });
    expect(status.partitions.map((p) => [p.partition, p.status])).toEqual([
      [1, 'WARN'],
      [2, 'WARN'],
      [0, 'OK'],
    ]);
  });

  it('errors outrank warnings', () => {
    const warn = window(
      [
        [1000, 1120],
        [1100, 1400],
        [1200, 1700],
      ],
      { partition: 1 },
    );
    const stop = window(
      [
        [5, 10],
        [5, 20],
        [5, 30],
      ],
      { partition: 3 },
    );
    expect(evaluateGroupStatus('g', [...warn, ...stop], 3 * MINUTE)).toMatchObject({ status: 'STOP', severity: 'error' });
  });

  it('is OK when every partition is', () => {
    const ok = window(
      [
        [100, 100],
        [200, 200],
      ],
      { partition: 0 },
    );
    expect(evaluateGroupStatus('g', ok, 2 * MINUTE)).toMatchObject({ status: 'OK', reason: 'all 1 partitions are OK' });
  });

  it('is UNKNOWN with no samples', () => {
    expect(evaluateGroupStatus('g', [], 0).status).toBe('UNKNOWN');
  });
});

describe('formatDuration', () => {
  it('reads naturally', () => {
    expect(formatDuration(5_000)).toBe('5s');
    expect(formatDuration(95_000)).toBe('1m 35s');
    expect(formatDuration(7_200_000)).toBe('2h 0m');
    expect(formatDuration(3 * 86_400_000)).toBe('3d 0h');
  });
});
