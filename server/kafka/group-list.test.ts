import { describe, expect, it } from 'vitest';
import { consumerGroupListQuerySchema } from '@/lib/schemas/kafka';
import { matchesGroupFilter, pageOfRows, resolveGroupSort, sortGroupRows, sortNeedsHealth, type GroupListRow } from './group-list';

const row = (groupId: string, over: Partial<GroupListRow> = {}): GroupListRow => ({
  groupId,
  topics: [],
  state: 'Empty',
  memberCount: 0,
  totalLag: 0n,
  maxPartitionLag: 0n,
  ownerLabel: 'nobody',
  ...over,
});

const ids = (rows: GroupListRow[]) => rows.map((r) => r.groupId);

describe('the consumer group list query', () => {
  it('pages 50 groups by total lag, largest first, unless told otherwise', () => {
    const query = consumerGroupListQuerySchema.parse({});
    expect(query).toEqual({ page: 1, pageSize: 50, sort: 'totalLag' });
    expect(resolveGroupSort(query)).toEqual({ sort: 'totalLag', order: 'desc' });
    expect(resolveGroupSort(consumerGroupListQuerySchema.parse({ sort: 'groupId' }))).toEqual({ sort: 'groupId', order: 'asc' });
    expect(resolveGroupSort(consumerGroupListQuerySchema.parse({ sort: 'status', order: 'asc' }))).toEqual({ sort: 'status', order: 'asc' });
  });

  it('reads numbers from the query string and refuses what it does not know', () => {
    expect(consumerGroupListQuerySchema.parse({ page: '3', pageSize: '25', q: '  orders ' })).toMatchObject({ page: 3, pageSize: 25, q: 'orders' });
    expect(consumerGroupListQuerySchema.safeParse({ pageSize: '1000' }).success).toBe(false);
    expect(consumerGroupListQuerySchema.safeParse({ page: '0' }).success).toBe(false);
    expect(consumerGroupListQuerySchema.safeParse({ sort: 'lag' }).success).toBe(false);
    expect(consumerGroupListQuerySchema.safeParse({ limit: '5' }).success).toBe(false);
  });
});

describe('filtering', () => {
  it('matches part of the group id or of a topic, ignoring case', () => {
    const g = row('Billing-Consumer', { topics: ['orders.v2'] });
    expect(matchesGroupFilter(g, 'billing')).toBe(true);
    expect(matchesGroupFilter(g, 'ORDERS')).toBe(true);
    expect(matchesGroupFilter(g, 'payments')).toBe(false);
    expect(matchesGroupFilter(g, '  ')).toBe(true);
    expect(matchesGroupFilter(g, undefined)).toBe(true);
  });
});

describe('sorting', () => {
  const rows = [
    row('c', { totalLag: 5n, maxPartitionLag: null, memberCount: null, ownerLabel: 'falcon' }),
    row('a', { totalLag: 5n, maxPartitionLag: 3n, memberCount: 2, ownerLabel: 'nobody' }),
    row('b', { totalLag: 12_000_000_000_000_000_000n, maxPartitionLag: 1n, memberCount: 1, ownerLabel: 'eagle' }),
  ];

  it('sorts 64-bit lag exactly and breaks ties by group id, in either order', () => {
    expect(ids(sortGroupRows(rows, 'totalLag'))).toEqual(['b', 'a', 'c']);
    expect(ids(sortGroupRows(rows, 'totalLag', 'asc'))).toEqual(['a', 'c', 'b']);
  });

  it('puts unknown values below every known one', () => {
    expect(ids(sortGroupRows(rows, 'maxPartitionLag', 'asc'))).toEqual(['c', 'b', 'a']);
    expect(ids(sortGroupRows(rows, 'members', 'asc'))).toEqual(['c', 'b', 'a']);
  });

  it('sorts names by code point and owners by their label', () => {
    expect(ids(sortGroupRows([row('b'), row('B'), row('a')], 'groupId'))).toEqual(['B', 'a', 'b']);
    expect(ids(sortGroupRows(rows, 'owner'))).toEqual(['b', 'c', 'a']);
  });

  it('sorts status worst first and time lag largest first, from the health it was given', () => {
    const judged = [
      row('ok', { health: { status: 'OK', timeLagSeconds: 0 } }),
      row('stop', { health: { status: 'STOP', timeLagSeconds: 600 } }),
      row('warn', { health: { status: 'WARN', timeLagSeconds: null } }),
    ];
    expect(sortNeedsHealth('status')).toBe(true);
    expect(sortNeedsHealth('totalLag')).toBe(false);
    expect(ids(sortGroupRows(judged, 'status'))).toEqual(['stop', 'warn', 'ok']);
    expect(ids(sortGroupRows(judged, 'timeLag'))).toEqual(['stop', 'ok', 'warn']);
  });
});

describe('paging', () => {
  const all = Array.from({ length: 7 }, (_, i) => i);
  it('cuts pages of the given size; past the end is empty', () => {
    expect(pageOfRows(all, 1, 3)).toEqual([0, 1, 2]);
    expect(pageOfRows(all, 3, 3)).toEqual([6]);
    expect(pageOfRows(all, 4, 3)).toEqual([]);
  });
});
