'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import type { ConsumerGroupListDto, LagSource } from '@/lib/kafka/dto';
import { formatOffset, formatTimeLagEstimate } from '@/lib/kafka/format';
import { groupListSearch } from '@/lib/kafka/group-list-url';
import { GROUP_PAGE_SIZES, type ConsumerGroupListQuery, type ConsumerGroupSortKey } from '@/lib/schemas/kafka';
import { LagSparkline } from '@/components/charts/lag-sparkline';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { BreakableName } from '@/components/ui/breakable-name';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { LinkPending } from '@/components/ui/link-pending';
import { Select, TextInput } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { TableHead, type TableColumn } from '@/components/ui/table-head';
import { OwnerBadge } from '@/components/tenancy/owner-badge';
import { UnreachableBanner } from '../../_components/cluster-health';
import { ConsumerStatusBadge, GroupStateBadge } from '../../_components/status-badges';
import { TimeAgo } from '../../_components/time-ago';

const COLUMNS: { key: ConsumerGroupSortKey; label: string; numeric?: boolean }[] = [
  { key: 'groupId', label: 'Group' },
  { key: 'owner', label: 'Owner' },
  { key: 'state', label: 'State' },
  { key: 'members', label: 'Members', numeric: true },
  { key: 'topics', label: 'Topics' },
  { key: 'totalLag', label: 'Total lag', numeric: true },
  { key: 'maxPartitionLag', label: 'Max partition lag', numeric: true },
  { key: 'timeLag', label: 'Time lag', numeric: true },
  { key: 'status', label: 'Status' },
];

const FILTER_DELAY_MS = 300;
const ASOF_LABEL: Record<LagSource, string> = { live: 'Offsets read', worker: 'Offsets read by the worker', history: 'Last stored sample' };

/** The query a list answer was made for. */
const queryOf = (list: ConsumerGroupListDto): ConsumerGroupListQuery => ({
  page: list.page,
  pageSize: list.pageSize,
  sort: list.sort,
  order: list.order,
  ...(list.q ? { q: list.q } : {}),
});

/**
 * One page of a cluster's groups, refreshed about once per sampling round. Paging, sort and filter
 * are the server's (the API's `?page&pageSize&sort&order&q`): a change asks the API for that page and
 * writes the query into the page's URL (replacing the history entry), so a reload or a shared link
 * renders the same view on the server.
 */
export function GroupsTable({ cluster, initial, refreshMs }: { cluster: { id: string; name: string }; initial: ConsumerGroupListDto; refreshMs: number }) {
  const pathname = usePathname();
  const [initialSearch] = useState(() => groupListSearch(queryOf(initial)));
  const [query, setQuery] = useState(() => queryOf(initial));
  const search = groupListSearch(query);
  const {
    data: fetched,
    error,
    isFetching,
    isPlaceholderData,
  } = useQuery({
    queryKey: ['kafka-groups', cluster.id, search],
    queryFn: () => fetchJson<ConsumerGroupListDto>(`/api/v1/kafka/clusters/${cluster.id}/groups${search}`),
    initialData: search === initialSearch ? initial : undefined,
    // The rows of the last query stay (dimmed) until the new page arrives.
    placeholderData: keepPreviousData,
    refetchInterval: refreshMs,
  });
  const data = fetched ?? initial;
  const isChanging = isPlaceholderData;

  // Merged into the latest query: a filter applied after a sort click keeps the sort.
  const update = (change: Partial<ConsumerGroupListQuery>) => setQuery((current) => ({ ...current, ...change }));
  // The URL follows the query. Next.js's router follows history.replaceState: the address changes,
  // the page is not rendered again.
  useEffect(() => {
    if (window.location.search !== search) window.history.replaceState(null, '', `${pathname}${search}`);
  }, [pathname, search]);

  // The filter box types ahead of the query: it applies once typing pauses, unless a link was
  // followed meanwhile (the page is being left).
  const [filter, setFilter] = useState(initial.q ?? '');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    const leaving = (event: MouseEvent) => {
      if (event.target instanceof Element && event.target.closest('a[href]')) clearTimeout(timer.current);
    };
    document.addEventListener('click', leaving, true);
    return () => {
      document.removeEventListener('click', leaving, true);
      clearTimeout(timer.current);
    };
  }, []);
  const onFilter = (text: string) => {
    setFilter(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => update({ q: text.trim() || undefined, page: 1 }), FILTER_DELAY_MS);
  };

  const sortBy = (key: ConsumerGroupSortKey) => {
    const column = COLUMNS.find((c) => c.key === key)!;
    const order = data.sort === key ? (data.order === 'asc' ? 'desc' : 'asc') : column.numeric || key === 'status' ? 'desc' : 'asc';
    update({ sort: key, order, page: 1 });
  };
  const columns: TableColumn[] = [
    ...COLUMNS.map((c) => ({
      label: c.label,
      numeric: c.numeric,
      sort: { direction: data.sort === c.key ? (data.order === 'asc' ? ('ascending' as const) : ('descending' as const)) : null, onSort: () => sortBy(c.key) },
    })),
    { label: 'Last hour' },
  ];

  const pageCount = Math.max(1, Math.ceil(data.total / data.pageSize));
  const first = (data.page - 1) * data.pageSize + 1;
  const last = first + data.groups.length - 1;

  return (
    <div className="space-y-4">
      {data.liveError && <UnreachableBanner clusterName={cluster.name} health={data.health} liveError={data.liveError} asOf={data.asOf} />}
      {error && <Alert tone="warn">Could not refresh: {error.message}</Alert>}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-72">
          <label htmlFor="group-filter" className="block text-sm font-medium text-slate-800">
            Filter
          </label>
          <TextInput id="group-filter" type="search" placeholder="group or topic" value={filter} onChange={(e) => onFilter(e.target.value)} />
        </div>
        <p className="flex items-center gap-2 text-xs text-slate-500" aria-live="polite">
          {isFetching ? (
            <Spinner label={isChanging ? 'Loading' : 'Refreshing'} />
          ) : data.asOf ? (
            <>
              {ASOF_LABEL[data.source]} <TimeAgo iso={data.asOf} /> · refreshes every {Math.round(refreshMs / 1000)} s
            </>
          ) : null}
        </p>
      </div>
      {data.total === 0 && !data.q ? (
        <EmptyState title="No consumer groups yet">
          {data.liveError ? 'Nothing was stored before the cluster became unreachable.' : 'Groups appear here once a consumer commits offsets on this cluster.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className={cn('w-full text-left text-sm', isChanging && 'opacity-60')} aria-busy={isChanging}>
            <caption className="sr-only">Consumer groups on {cluster.name}; column headers sort</caption>
            <TableHead variant="panel" columns={columns} />
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.groupId} className="border-t border-slate-100 align-top">
                  <td className="min-w-40 max-w-72 px-3 py-2">
                    {/* Not prefetched: a page of 50 groups would ask the server for 50 group pages at once. */}
                    <Link
                      href={`/kafka/${cluster.id}/groups/${encodeURIComponent(g.groupId)}`}
                      prefetch={false}
                      className="break-words font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      <BreakableName name={g.groupId} />
                      <LinkPending />
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <OwnerBadge owner={g.owner} />
                  </td>
                  <td className="px-3 py-2">{g.state ? <GroupStateBadge state={g.state} /> : <span className="text-xs text-slate-500">unknown</span>}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{g.memberCount ?? '—'}</td>
                  <td className="min-w-36 max-w-56 break-words px-3 py-2 text-xs" title={g.topics.join(', ')}>
                    {g.topics.slice(0, 2).map((topic, i) => (
                      <span key={topic}>
                        {i > 0 && ', '}
                        <BreakableName name={topic} />
                      </span>
                    ))}
                    {g.topics.length > 2 && ` +${g.topics.length - 2}`}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatOffset(g.totalLag)}
                    {g.unknownLagPartitionCount > 0 && (
                      <span className="block text-xs text-slate-500">
                        {g.unknownLagPartitionCount} of {g.partitionCount} unknown
                      </span>
                    )}
                    {g.aheadPartitionCount > 0 && (
                      <Badge tone="bad" className="mt-0.5">
                        {g.aheadPartitionCount} ahead of log end
                      </Badge>
                    )}
                    {g.dataLostPartitionCount > 0 && (
                      <Badge tone="bad" className="mt-0.5">
                        data lost
                      </Badge>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatOffset(g.maxPartitionLag)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {formatTimeLagEstimate(g.timeLagSeconds, g.timeLagEstimated)}
                    {g.timeLagSeconds === null && g.timeLagUnknownPartitionCount > 0 && (
                      <span className="block text-xs text-slate-500">
                        {g.timeLagUnknownPartitionCount} of {g.partitionCount} partitions
                      </span>
                    )}
                  </td>
                  <td className="max-w-80 px-3 py-2">
                    <ConsumerStatusBadge status={g.status} severity={g.severity} />
                    <p className="mt-0.5 line-clamp-2 text-xs text-slate-600" title={g.statusReason}>
                      {g.statusReason}
                    </p>
                  </td>
                  <td className="px-3 py-2">
                    <LagSparkline points={g.sparkline} severity={g.severity} label={`Total lag of ${g.groupId}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.groups.length === 0 && (
            <p className="px-3 py-4 text-sm text-slate-500">
              {data.total === 0 ? `No group matches “${data.q}”.` : `Page ${data.page} is past the last page.`}
            </p>
          )}
          <nav aria-label="Pages of consumer groups" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-3 py-2 text-sm">
            <p className="text-slate-600" data-testid="groups-range">
              {data.groups.length > 0 ? `${first}–${last} of ${data.total}` : `${data.total}`} {data.q ? `groups matching “${data.q}”` : 'groups'}
            </p>
            <div className="flex items-center gap-2">
              <label className="flex items-center gap-2 text-xs text-slate-600">
                Per page
                <Select className="w-20" value={data.pageSize} onChange={(e) => update({ pageSize: Number(e.target.value), page: 1 })}>
                  {GROUP_PAGE_SIZES.map((size) => (
                    <option key={size} value={size}>
                      {size}
                    </option>
                  ))}
                </Select>
              </label>
              <Button variant="secondary" disabled={data.page <= 1 || isChanging} onClick={() => update({ page: Math.min(data.page - 1, pageCount) })}>
                Previous
              </Button>
              <span className="text-xs text-slate-600">
                Page {data.page} of {pageCount}
              </span>
              <Button variant="secondary" disabled={data.page >= pageCount || isChanging} onClick={() => update({ page: data.page + 1 })}>
                Next
              </Button>
            </div>
          </nav>
        </div>
      )}
    </div>
  );
}
