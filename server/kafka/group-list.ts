import 'server-only';

import { CONSUMER_STATUSES, type ConsumerStatus } from '@/lib/kafka/dto';
import { defaultGroupSortOrder, type ConsumerGroupListQuery, type ConsumerGroupSortKey } from '@/lib/schemas/kafka';

/**
 * Filtering, sorting and paging of a cluster's consumer group list, done on the server so a cluster
 * with hundreds of groups sends (and judges) one page. Pure: the rows come from the live snapshot or
 * the newest stored round. Status and time lag are the worker's stored verdicts (one row per group),
 * read for every row only when the sort needs them (`sortNeedsHealth`); every other column is known
 * from the offsets alone.
 */

export interface GroupListRow {
  groupId: string;
  topics: string[];
  state: string | null;
  memberCount: number | null;
  totalLag: bigint;
  maxPartitionLag: bigint | null;
  /** The owner as the table shows it (a team slug, "nobody"). */
  ownerLabel: string;
  /** Present when the sort needs it. */
  health?: { status: ConsumerStatus; timeLagSeconds: number | null };
}

/** Status and time lag are stored verdicts: only these sorts need them for every group. */
export const sortNeedsHealth = (sort: ConsumerGroupSortKey): boolean => sort === 'status' || sort === 'timeLag';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byBigint = (a: bigint | null, b: bigint | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
const byNumber = (a: number | null | undefined, b: number | null | undefined) => (a ?? -1) - (b ?? -1);

const COMPARE: Record<ConsumerGroupSortKey, (a: GroupListRow, b: GroupListRow) => number> = {
  groupId: (a, b) => byText(a.groupId, b.groupId),
  owner: (a, b) => byText(a.ownerLabel, b.ownerLabel),
  state: (a, b) => byText(a.state ?? '', b.state ?? ''),
  members: (a, b) => byNumber(a.memberCount, b.memberCount),
  topics: (a, b) => a.topics.length - b.topics.length || byText(a.topics.join(), b.topics.join()),
  totalLag: (a, b) => byBigint(a.totalLag, b.totalLag),
  maxPartitionLag: (a, b) => byBigint(a.maxPartitionLag, b.maxPartitionLag),
  timeLag: (a, b) => byNumber(a.health?.timeLagSeconds, b.health?.timeLagSeconds),
  // Burrow's order: OK < UNKNOWN < WARN < STOP < STALL < AHEAD < REWIND, so descending is worst first.
  status: (a, b) => CONSUMER_STATUSES.indexOf(a.health?.status ?? 'UNKNOWN') - CONSUMER_STATUSES.indexOf(b.health?.status ?? 'UNKNOWN'),
};

/** Whether a group matches the filter: part of its id or of one of its topics, ignoring case. */
export function matchesGroupFilter(row: Pick<GroupListRow, 'groupId' | 'topics'>, q: string | undefined): boolean {
  const needle = q?.trim().toLowerCase();
  if (!needle) return true;
  return row.groupId.toLowerCase().includes(needle) || row.topics.some((t) => t.toLowerCase().includes(needle));
}

/** The rows in the requested order; ties (and equal values) keep group ids ascending, so pages never overlap. */
export function sortGroupRows<T extends GroupListRow>(rows: readonly T[], sort: ConsumerGroupSortKey, order = defaultGroupSortOrder(sort)): T[] {
  const sign = order === 'desc' ? -1 : 1;
  const compare = COMPARE[sort];
  return [...rows].sort((a, b) => sign * compare(a, b) || byText(a.groupId, b.groupId));
}

/** One page of already filtered and sorted rows; past the last page it is empty. */
export function pageOfRows<T>(rows: readonly T[], page: number, pageSize: number): T[] {
  return rows.slice((page - 1) * pageSize, page * pageSize);
}

/** The sort and order a query asks for, with the default order filled in. */
export function resolveGroupSort(query: Pick<ConsumerGroupListQuery, 'sort' | 'order'>): { sort: ConsumerGroupSortKey; order: 'asc' | 'desc' } {
  return { sort: query.sort, order: query.order ?? defaultGroupSortOrder(query.sort) };
}
