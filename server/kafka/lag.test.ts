import { describe, expect, it } from 'vitest';

import { computeGroupLag, computePartitionLag, toGroupLagDto } from './lag';

const p = (partition: number, logStartOffset: string, logEndOffset: string, committedOffset: string | null, topic = 'orders') => ({
  topic,
  partition,
  logStartOffset,
  logEndOffset,
  committedOffset,
});

describe('computePartitionLag', () => {
  it('is end − committed as a bigint', () => {
    expect(computePartitionLag(p(0, '0', '1000', '400')).lag).toBe(600n);
  });

  it("treats kafkajs's '-1' (no commit) as unknown, not 0", () => {
    const lag = computePartitionLag(p(0, '0', '1000', '-1'));
    expect(lag.lag).toBeNull();
    expect(lag.committedOffset).toBeNull();
    expect(lag.dataLostToRetention).toBe(false);
  });

  it('treats a null commit as unknown too', () => {
    expect(computePartitionLag(p(0, '0', '5', null)).lag).toBeNull();
  });

  it('reports a commit above the end as a negative lag, as kafka-consumer-groups does, and flags it', () => {
    expect(computePartitionLag(p(0, '0', '1000', '1200'))).toMatchObject({ lag: -200n, aheadOfLogEnd: true, dataLostToRetention: false });
    expect(computePartitionLag(p(0, '0', '1000', '1000'))).toMatchObject({ lag: 0n, aheadOfLogEnd: false });
  });

  it('flags a commit below the log start as data lost, keeping lag = end − committed', () => {
    const lag = computePartitionLag(p(0, '500', '900', '120'));
    expect(lag).toMatchObject({ lag: 780n, dataLostToRetention: true, lostRecords: 380n });
  });

  it('is not data lost when the commit equals the log start', () => {
    expect(computePartitionLag(p(0, '500', '900', '500'))).toMatchObject({ lag: 400n, dataLostToRetention: false, lostRecords: 0n });
  });

  it('counts an open transaction in lag (as Kafka’s tool) and leaves it out of readCommittedLag', () => {
    // 10 committed records + a marker (LSO 11), then an open transaction of 5 (HW 16).
    const open = { ...p(0, '0', '16', '4'), lastStableOffset: '11' };
    expect(computePartitionLag(open)).toMatchObject({ lag: 12n, lastStableOffset: 11n, readCommittedLag: 7n });
    // A read_uncommitted member committed inside the open transaction: nothing stable left to read.
    expect(computePartitionLag({ ...open, committedOffset: '13' })).toMatchObject({ lag: 3n, readCommittedLag: 0n });
    // Ahead of the log end: both say so with the same negative figure.
    expect(computePartitionLag({ ...open, committedOffset: '20' })).toMatchObject({ lag: -4n, readCommittedLag: -4n });
    expect(computePartitionLag({ ...open, committedOffset: null })).toMatchObject({ lag: null, readCommittedLag: null });
    expect(computePartitionLag(p(0, '0', '16', '4'))).toMatchObject({ lastStableOffset: null, readCommittedLag: null });
    expect(toGroupLagDto(computeGroupLag({ groupId: 'g', partitions: [open] })).partitions[0]).toMatchObject({
      lastStableOffset: '11',
      lag: '12',
      readCommittedLag: '7',
    });
  });

  it('keeps 64-bit precision beyond Number.MAX_SAFE_INTEGER', () => {
    const lag = computePartitionLag(p(0, '0', '9223372036854775807', '9223372036854775000'));
    expect(lag.lag).toBe(807n);
  });

  it('rejects a missing log end offset', () => {
    expect(() => computePartitionLag(p(0, '0', '-1', '3'))).toThrow(/log end offset of orders-0/);
  });
});

describe('computeGroupLag', () => {
  const lag = computeGroupLag({
    groupId: 'billing',
    partitions: [p(2, '0', '300', '-1'), p(0, '0', '100', '40'), p(1, '50', '200', '20'), p(0, '0', '10', '10', 'audit')],
  });

  it('sorts partitions by topic then partition', () => {
    expect(lag.partitions.map((x) => `${x.topic}-${x.partition}`)).toEqual(['audit-0', 'orders-0', 'orders-1', 'orders-2']);
  });

  it('sums known lag only and counts unknown partitions', () => {
    expect(lag).toMatchObject({
      totalLag: 60n + 180n,
      maxPartitionLag: 180n,
      partitionCount: 4,
      unknownLagPartitionCount: 1,
      dataLostPartitionCount: 1,
      lostRecords: 30n,
    });
  });

  it('totals per topic', () => {
    expect(lag.topics).toEqual([
      {
        topic: 'audit',
        totalLag: 0n,
        maxPartitionLag: 0n,
        partitionCount: 1,
        unknownLagPartitionCount: 0,
        aheadPartitionCount: 0,
        dataLostPartitionCount: 0,
        lostRecords: 0n,
      },
      {
        topic: 'orders',
        totalLag: 240n,
        maxPartitionLag: 180n,
        partitionCount: 3,
        unknownLagPartitionCount: 1,
        aheadPartitionCount: 0,
        dataLostPartitionCount: 1,
        lostRecords: 30n,
      },
    ]);
  });

  it('leaves negative lags out of the total and the max (as MSK SumOffsetLag) and counts them', () => {
    const ahead = computeGroupLag({ groupId: 'g', partitions: [p(0, '0', '100', '40'), p(1, '0', '10', '500'), p(2, '0', '5', '-1')] });
    expect(ahead).toMatchObject({ totalLag: 60n, maxPartitionLag: 60n, aheadPartitionCount: 1, unknownLagPartitionCount: 1 });
    const onlyAhead = computeGroupLag({ groupId: 'g', partitions: [p(0, '0', '10', '500')] });
    expect(onlyAhead).toMatchObject({ totalLag: 0n, maxPartitionLag: null, aheadPartitionCount: 1 });
    expect(toGroupLagDto(onlyAhead).partitions[0]).toMatchObject({ lag: '-490', aheadOfLogEnd: true });
  });

  it('has no max lag when every partition is unknown', () => {
    const unknown = computeGroupLag({ groupId: 'new', partitions: [p(0, '0', '9', '-1')] });
    expect(unknown).toMatchObject({ totalLag: 0n, maxPartitionLag: null, unknownLagPartitionCount: 1 });
  });

  it('serialises to a JSON-safe DTO with decimal strings and null for unknown lag', () => {
    const dto = toGroupLagDto(lag);
    expect(JSON.parse(JSON.stringify(dto))).toEqual(dto);
    expect(dto).toMatchObject({ groupId: 'billing', totalLag: '240', maxPartitionLag: '180', lostRecords: '30' });
    expect(dto.partitions).toContainEqual({
      topic: 'orders',
      partition: 1,
      logStartOffset: '50',
      logEndOffset: '200',
      committedOffset: '20',
      lastStableOffset: null,
      lag: '180',
      readCommittedLag: null,
      aheadOfLogEnd: false,
      dataLostToRetention: true,
      lostRecords: '30',
    });
    expect(dto.partitions.find((x) => x.partition === 2)).toMatchObject({ committedOffset: null, lag: null });
  });
});
