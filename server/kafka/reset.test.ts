import { describe, expect, it } from 'vitest';

import { assertGroupResettable, planOffsetReset, type ResetPartitionState } from './reset';

const state = (partition: number, start: number, end: number, committed: number | null, atTimestamp?: number): ResetPartitionState => ({
  topic: 'orders',
  partition,
  logStartOffset: BigInt(start),
  logEndOffset: BigInt(end),
  committedOffset: committed === null ? null : BigInt(committed),
  ...(atTimestamp === undefined ? {} : { offsetAtTimestamp: BigInt(atTimestamp) }),
});

const partitions = [state(0, 100, 1000, 400), state(1, 0, 50, null)];
const newOffsets = (plan: ReturnType<typeof planOffsetReset>) => plan.partitions.map((p) => p.newOffset);

describe('planOffsetReset', () => {
  it('earliest → log start; reports current offset, new offset and the resulting lag', () => {
    const plan = planOffsetReset('billing', { kind: 'earliest' }, partitions);
    expect(plan).toEqual({
      groupId: 'billing',
      strategy: 'earliest',
      executed: false,
      totalLagAfterReset: '950',
      partitions: [
        {
          topic: 'orders',
          partition: 0,
          currentOffset: '400',
          newOffset: '100',
          logStartOffset: '100',
          logEndOffset: '1000',
          lagAfterReset: '900',
          note: null,
        },
        { topic: 'orders', partition: 1, currentOffset: null, newOffset: '0', logStartOffset: '0', logEndOffset: '50', lagAfterReset: '50', note: null },
      ],
    });
  });

  it('latest → log end, zero lag', () => {
    const plan = planOffsetReset('billing', { kind: 'latest' }, partitions);
    expect(newOffsets(plan)).toEqual(['1000', '50']);
    expect(plan.totalLagAfterReset).toBe('0');
  });

  it('to-offset is clamped into [log start, log end] with a note', () => {
    const plan = planOffsetReset('billing', { kind: 'to-offset', offset: '60' }, partitions);
    expect(newOffsets(plan)).toEqual(['100', '50']);
    expect(plan.partitions[0]!.note).toBe('clamped to the log start (100); 60 is no longer in the log');
    expect(plan.partitions[1]!.note).toBe('clamped to the log end (50)');
  });

  it('shift-by moves from the committed offset, both ways, clamped', () => {
    const committed = [state(0, 100, 1000, 400), state(1, 0, 500, 480)];
    expect(newOffsets(planOffsetReset('g', { kind: 'shift-by', by: '-250' }, committed))).toEqual(['150', '230']);
    expect(newOffsets(planOffsetReset('g', { kind: 'shift-by', by: '50' }, committed))).toEqual(['450', '500']);
    expect(newOffsets(planOffsetReset('g', { kind: 'shift-by', by: '-1000' }, committed))).toEqual(['100', '0']);
  });

  it('shift-by refuses partitions without a commit to shift from', () => {
    expect(() => planOffsetReset('g', { kind: 'shift-by', by: '5' }, partitions)).toThrow(/orders-1.*no committed offset/);
  });

  it('to-datetime uses the looked-up offsets and explains when no record is that recent', () => {
    const at = '2024-05-01T10:00:00Z';
    const plan = planOffsetReset('g', { kind: 'to-datetime', at }, [state(0, 100, 1000, 400, 700), state(1, 0, 50, 10, 50)]);
    expect(newOffsets(plan)).toEqual(['700', '50']);
    expect(plan.strategy).toBe(`to-datetime ${at}`);
    expect(plan.partitions[1]!.note).toBe(`no record at or after ${at}: moved to the log end`);
    expect(plan.totalLagAfterReset).toBe('300');
  });

  it('keeps 64-bit offsets exact', () => {
    const big = [state(0, 0, 0, null)];
    big[0] = { ...big[0]!, logEndOffset: 9007199254740993n, logStartOffset: 9007199254740990n };
    expect(newOffsets(planOffsetReset('g', { kind: 'to-offset', offset: '9007199254740992' }, big))).toEqual(['9007199254740992']);
  });
});

describe('assertGroupResettable', () => {
  it('allows Empty groups and groups that do not exist yet', () => {
    expect(() => assertGroupResettable({ groupId: 'g', state: 'Empty', protocolType: 'consumer', members: [] })).not.toThrow();
    expect(() => assertGroupResettable({ groupId: 'g', state: 'Dead', protocolType: '', members: [] })).not.toThrow();
  });

  it('refuses an active group, naming member id, client id and host', () => {
    const group = {
      groupId: 'billing',
      state: 'Stable',
      protocolType: 'consumer',
      members: [{ memberId: 'worker-1-abc', clientId: 'billing-worker', host: '/10.0.0.7', assignments: [] }],
    };
    expect(() => assertGroupResettable(group)).toThrow(
      'Consumer group billing is Stable; stop its consumers before resetting offsets (active members: worker-1-abc (client billing-worker on /10.0.0.7))',
    );
    try {
      assertGroupResettable(group);
    } catch (error) {
      expect(error).toMatchObject({ code: 'CONFLICT', details: { members: [{ memberId: 'worker-1-abc', clientId: 'billing-worker', host: '/10.0.0.7' }] } });
    }
  });
});
