import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/server/auth/session';
import { getClusterForActor } from '@/server/kafka/clusters';
import { listConsumerGroups } from '@/server/kafka/consumer-groups';
import { listRefreshMs } from '@/server/kafka/page-refresh';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { ClusterHealthSummary } from '../_components/cluster-health';
import { connectionLabel, connectionTarget } from '../_components/connection-label';
import { loadForPage, Refused } from '../_components/page-load';
import { GroupsTable } from './_components/groups-table';

export const metadata: Metadata = { title: 'Kafka consumer groups' };

export default async function ClusterPage({ params }: { params: Promise<{ clusterId: string }> }) {
  const actor = await requirePageActor();
  const { clusterId } = await params;
  const loaded = await loadForPage(() => Promise.all([getClusterForActor(actor, clusterId), listConsumerGroups(actor, clusterId)]));
  if (!loaded.ok) return <Refused message={loaded.message} />;
  const [cluster, groups] = loaded.value;
  return (
    <>
      <p className="mb-1 text-xs text-slate-500">
        <Link href="/kafka" className="underline">
          Kafka
        </Link>{' '}
        / {cluster.name}
      </p>
      <PageHeader
        title={`Consumer groups on ${cluster.name}`}
        description={
          <>
            {connectionLabel(cluster.connection)} · <span className="break-all font-mono text-xs">{connectionTarget(cluster.connection)}</span> ·{' '}
            {cluster.team?.name ?? 'every team'}
            {cluster.isSandbox && (
              <Badge tone="warn" className="ml-2">
                local sandbox
              </Badge>
            )}
          </>
        }
        actions={<ClusterHealthSummary health={cluster.health} />}
      />
      <GroupsTable cluster={{ id: cluster.id, name: cluster.name }} initial={groups} refreshMs={listRefreshMs()} />
    </>
  );
}
