'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import { CONSUMER_STATUSES, type ConsumerGroupListDto, type ConsumerGroupSummaryDto } from '@/lib/kafka/dto';
import { compareOffsets, formatOffset, formatTimeLag } from '@/lib/kafka/format';
import { LagSparkline } from '@/components/charts/lag-sparkline';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { TextInput } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { UnreachableBanner } from '../../_components/cluster-health';
import { ConsumerStatusBadge, GroupStateBadge } from '../../_components/status-badges';
import { TimeAgo } from '../../_components/time-ago';
import { OwnerBadge } from '@/components/tenancy/owner-badge';
import { ownerLabel } from '@/lib/tenancy/dto';

type SortKey = 'groupId' | 'owner' | 'state' | 'members' | 'topics' | 'totalLag' | 'maxPartitionLag' | 'timeLag' | 'status';
type Sort = { key: SortKey; descending: boolean };

const COMPARE: Record<SortKey, (a: ConsumerGroupSummaryDto, b: ConsumerGroupSummaryDto) => number> = {
  groupId: (a, b) => a.groupId.localeCompare(b.groupId),
  owner: (a, b) => ownerLabel(a.owner).localeCompare(ownerLabel(b.owner)),
  state: (a, b) => (a.state ?? '').localeCompare(b.state ?? ''),
  members: (a, b) => (a.memberCount ?? -1) - (b.memberCount ?? -1),
  topics: (a, b) => a.topics.length - b.topics.length || a.topics.join().localeCompare(b.topics.join()),
  totalLag: (a, b) => compareOffsets(a.totalLag, b.totalLag),
  maxPartitionLag: (a, b) => compareOffsets(a.maxPartitionLag, b.maxPartitionLag),
  timeLag: (a, b) => (a.timeLagSeconds ?? -1) - (b.timeLagSeconds ?? -1),
  status: (a, b) => CONSUMER_STATUSES.indexOf(a.status) - CONSUMER_STATUSES.indexOf(b.status),
};

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
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

/** Every group of a cluster, sortable and filterable, refreshed about once per sampling round. */
export function GroupsTable({ cluster, initial, refreshMs }: { cluster: { id: string; name: string }; initial: ConsumerGroupListDto; refreshMs: number }) {
  const [sort, setSort] = useState<Sort>({ key: 'totalLag', descending: true });
  const [filter, setFilter] = useState('');
  const { data, error, isFetching } = useQuery({
    queryKey: ['kafka-groups', cluster.id],
    queryFn: () => fetchJson<ConsumerGroupListDto>(`/api/v1/kafka/clusters/${cluster.id}/groups`),
    initialData: initial,
    refetchInterval: refreshMs,
  });
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const shown = needle
      ? data.groups.filter((g) => g.groupId.toLowerCase().includes(needle) || g.topics.some((t) => t.toLowerCase().includes(needle)))
      : [...data.groups];
    const compare = COMPARE[sort.key];
    return shown.sort((a, b) => (sort.descending ? -1 : 1) * compare(a, b) || a.groupId.localeCompare(b.groupId));
  }, [data.groups, filter, sort]);

  return (
    <div className="space-y-4">
      {data.liveError && <UnreachableBanner clusterName={cluster.name} health={data.health} liveError={data.liveError} asOf={data.asOf} />}
      {error && <Alert tone="warn">Could not refresh: {error.message}</Alert>}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-72">
          <label htmlFor="group-filter" className="block text-sm font-medium text-slate-800">
            Filter
          </label>
          <TextInput id="group-filter" type="search" placeholder="group or topic" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <p className="flex items-center gap-2 text-xs text-slate-500" aria-live="polite">
          {isFetching ? (
            <Spinner label="Refreshing" />
          ) : data.asOf ? (
            <>
              {data.source === 'live' ? 'Offsets read' : 'Last stored sample'} <TimeAgo iso={data.asOf} /> · refreshes every {Math.round(refreshMs / 1000)} s
            </>
          ) : null}
        </p>
      </div>
      {data.groups.length === 0 ? (
        <EmptyState title="No consumer groups yet">
          {data.liveError ? 'Nothing was stored before the cluster became unreachable.' : 'Groups appear here once a consumer commits offsets on this cluster.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Consumer groups on {cluster.name}; column headers sort</caption>
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                {COLUMNS.map((column) => (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    className={`px-3 py-2 ${column.numeric ? 'text-right' : ''}`}
                  >
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 uppercase hover:text-slate-800"
                      onClick={() =>
                        setSort((s) => ({ key: column.key, descending: s.key === column.key ? !s.descending : column.numeric || column.key === 'status' }))
                      }
                    >
                      {column.label}
                      <span aria-hidden className="w-2">
                        {sort.key === column.key ? (sort.descending ? '▼' : '▲') : ''}
                      </span>
                    </button>
                  </th>
                ))}
                <th scope="col" className="px-3 py-2">
                  Last hour
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((g) => (
                <tr key={g.groupId} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2">
                    <Link
                      href={`/kafka/${cluster.id}/groups/${encodeURIComponent(g.groupId)}`}
                      className="break-all font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {g.groupId}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <OwnerBadge owner={g.owner} />
                  </td>
                  <td className="px-3 py-2">
                    {data.source === 'live' ? <GroupStateBadge state={g.state} /> : <span className="text-xs text-slate-500">unknown</span>}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{g.memberCount ?? '—'}</td>
                  <td className="max-w-48 px-3 py-2 text-xs" title={g.topics.join(', ')}>
                    {g.topics.slice(0, 2).join(', ')}
                    {g.topics.length > 2 && ` +${g.topics.length - 2}`}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatOffset(g.totalLag)}
                    {g.unknownLagPartitionCount > 0 && (
                      <span className="block text-xs text-slate-500">
                        {g.unknownLagPartitionCount} of {g.partitionCount} unknown
                      </span>
                    )}
                    {g.dataLostPartitionCount > 0 && (
                      <Badge tone="bad" className="mt-0.5">
                        data lost
                      </Badge>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatOffset(g.maxPartitionLag)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatTimeLag(g.timeLagSeconds)}</td>
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
          {rows.length === 0 && <p className="px-3 py-4 text-sm text-slate-500">No group matches “{filter}”.</p>}
        </div>
      )}
    </div>
  );
}
