'use client';

import Link from 'next/link';
import { OwnerBadge } from '@/components/tenancy/owner-badge';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import type { ConsumerGroupDetailDto } from '@/lib/kafka/dto';
import { formatOffset, formatTimeLagEstimate, STATUS_MEANINGS } from '@/lib/kafka/format';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { BreakableName } from '@/components/ui/breakable-name';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Spinner } from '@/components/ui/spinner';
import { UnreachableBanner } from '../../../../_components/cluster-health';
import { ConsumerStatusBadge, GroupStateBadge } from '../../../../_components/status-badges';
import { TimeAgo } from '../../../../_components/time-ago';
import { LagHistory } from './lag-history';
import { PartitionsTable } from './partitions-table';
import { TableHead } from '@/components/ui/table-head';

const STATUS_TONE = { ok: 'success', unknown: 'info', warning: 'warn', error: 'error' } as const;

/** One consumer group: status in words, totals, lag history, per-topic and per-partition offsets, members. */
export function GroupView({
  cluster,
  initial,
  refreshMs,
  resetHref,
}: {
  cluster: { id: string; name: string };
  initial: ConsumerGroupDetailDto;
  refreshMs: number;
  resetHref: string | null;
}) {
  const url = `/api/v1/kafka/clusters/${cluster.id}/groups/${encodeURIComponent(initial.groupId)}`;
  const {
    data: g,
    error,
    isFetching,
  } = useQuery({
    queryKey: ['kafka-group', cluster.id, initial.groupId],
    queryFn: () => fetchJson<ConsumerGroupDetailDto>(url),
    initialData: initial,
    refetchInterval: refreshMs,
  });
  const partitionLabels = g.partitions.map((p) => ({ topic: p.topic, partition: p.partition }));

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="flex flex-wrap items-center gap-3 text-xl font-semibold text-slate-900">
            <span className="min-w-0 break-words">
              <BreakableName name={g.groupId} />
            </span>
            {g.source === 'live' && <GroupStateBadge state={g.state} />}
            <ConsumerStatusBadge status={g.status} severity={g.severity} />
          </h1>
          <p className="mt-1 flex items-center gap-2 text-xs text-slate-500">
            Owner <OwnerBadge owner={g.owner} />
          </p>
          <p className="mt-1 flex items-center gap-2 text-xs text-slate-500" aria-live="polite">
            {isFetching ? (
              <Spinner label="Refreshing" />
            ) : g.asOf ? (
              <>
                {g.source === 'live' ? 'Offsets read' : 'Last stored sample'} <TimeAgo iso={g.asOf} />
              </>
            ) : null}
          </p>
        </div>
        {resetHref && g.canReset && (
          <Link href={resetHref} className={buttonClass('secondary')}>
            Reset offsets…
          </Link>
        )}
      </header>

      {g.liveError && <UnreachableBanner clusterName={cluster.name} health={g.health} liveError={g.liveError} asOf={g.asOf} />}
      {error && <Alert tone="warn">Could not refresh: {error.message}</Alert>}

      <Alert tone={STATUS_TONE[g.severity]} title={`Status ${g.status}: ${STATUS_MEANINGS[g.status]}`}>
        {sentence(g.statusReason)}
      </Alert>

      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Stat
          label="Total lag"
          value={formatOffset(g.totalLag)}
          note={
            g.unknownLagPartitionCount
              ? `${g.unknownLagPartitionCount} partition${g.unknownLagPartitionCount > 1 ? 's' : ''} unknown (no commit)`
              : 'records not yet consumed'
          }
        />
        <Stat label="Max partition lag" value={formatOffset(g.maxPartitionLag)} />
        <Stat
          label="Time lag"
          value={formatTimeLagEstimate(g.timeLagSeconds, g.timeLagEstimated)}
          note={
            g.timeLagSeconds !== null
              ? g.timeLagEstimated
                ? 'at least: an unread record predates the stored history'
                : 'how old the next unread record is'
              : g.timeLagUnknownPartitionCount > 0
                ? `unknown for ${g.timeLagUnknownPartitionCount} partition${g.timeLagUnknownPartitionCount > 1 ? 's' : ''} that may be behind (no commit, or too little history yet)`
                : 'needs a few samples of history'
          }
        />
        <Stat
          label="Partitions"
          value={String(g.partitions.length)}
          note={
            g.dataLostPartitionCount > 0 ? (
              <span className="text-red-700">
                {g.dataLostPartitionCount} lost {formatOffset(g.lostRecords)} records to retention
              </span>
            ) : (
              `${g.topics.length} topic${g.topics.length === 1 ? '' : 's'}`
            )
          }
        />
        <Stat
          label="Members"
          value={g.source === 'live' ? String(g.members.length) : 'unknown'}
          note={g.source === 'live' ? (g.members.length ? 'active consumers' : 'no active consumer (group is Empty)') : 'cluster unreachable'}
        />
      </dl>

      <LagHistory clusterId={cluster.id} groupId={g.groupId} partitions={partitionLabels} refreshMs={refreshMs} />

      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Lag per topic">
          <table className="w-full text-left text-sm">
            <TableHead
              columns={[
                { label: 'Topic' },
                { label: 'Partitions', numeric: true },
                { label: 'Total lag', numeric: true },
                { label: 'Max partition lag', numeric: true },
              ]}
            />
            <tbody>
              {g.topics.map((t) => (
                <tr key={t.topic} className="border-t border-slate-100">
                  <td className="break-words py-1.5 pr-3 font-mono text-xs">
                    <BreakableName name={t.topic} />
                  </td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">
                    {t.partitionCount}
                    {t.unknownLagPartitionCount > 0 && <span className="block text-xs text-slate-500">{t.unknownLagPartitionCount} unknown</span>}
                  </td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">
                    {formatOffset(t.totalLag)}
                    {t.dataLostPartitionCount > 0 && (
                      <Badge tone="bad" className="ml-1">
                        data lost
                      </Badge>
                    )}
                  </td>
                  <td className="py-1.5 text-right tabular-nums">{formatOffset(t.maxPartitionLag)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Members">
          {g.source !== 'live' ? (
            <p className="text-sm text-slate-500">Unknown while the cluster cannot be reached.</p>
          ) : g.members.length === 0 ? (
            <p className="text-sm text-slate-600">No active members: the group is {g.state}. Offsets can be reset while it stays that way.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <TableHead columns={[{ label: 'Client id' }, { label: 'Host' }, { label: 'Assignment' }]} />
              <tbody>
                {g.members.map((m) => (
                  <tr key={m.memberId} className="border-t border-slate-100 align-top">
                    <td className="py-1.5 pr-3">
                      {m.clientId}
                      <span className="block break-all font-mono text-[10px] text-slate-400">{m.memberId}</span>
                    </td>
                    <td className="py-1.5 pr-3 font-mono text-xs">{m.host}</td>
                    <td className="py-1.5 text-xs">
                      {m.assignments.length ? m.assignments.map((a) => `${a.topic} [${a.partitions.join(', ')}]`).join('; ') : 'none yet (rebalancing)'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>

      <Card title="Partitions">
        <PartitionsTable partitions={g.partitions} ownersKnown={g.source === 'live'} />
      </Card>
    </div>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: ReactNode }) {
  return (
    <div className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs uppercase text-slate-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
      {note && <dd className="text-xs text-slate-500">{note}</dd>}
    </div>
  );
}

/** The domain's reason starts lower-case ("partition orders-2 ..."): make it a sentence. */
function sentence(reason: string): string {
  const text = reason.charAt(0).toUpperCase() + reason.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
