import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requirePageActor } from '@/server/auth/session';
import type { Actor } from '@/server/auth/actor';
import { getClusterForActor } from '@/server/kafka/clusters';
import { listConsumerGroups } from '@/server/kafka/consumer-groups';
import { listRefreshMs } from '@/server/kafka/page-refresh';
import { loadForPage } from '@/server/page-load';
import { parseGroupListSearchParams } from '@/lib/kafka/group-list-url';
import type { ConsumerGroupListQuery } from '@/lib/schemas/kafka';
import { Badge } from '@/components/ui/badge';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { PageProblem } from '@/components/ui/page-problem';
import { Spinner } from '@/components/ui/spinner';
import { ClusterHealthSummary } from '../_components/cluster-health';
import { connectionLabel, connectionTarget } from '../_components/connection-label';
import { GroupsTable } from './_components/groups-table';

export const metadata: Metadata = { title: 'Kafka consumer groups' };

type Params = Promise<{ clusterId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ClusterPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const { clusterId } = await params;
  const loaded = await loadForPage(() => getClusterForActor(actor, clusterId));
  if (!loaded.ok) return <PageProblem problem={loaded.problem} back={{ href: '/kafka', label: 'Clusters you can see' }} />;
  const cluster = loaded.data;
  const query = parseGroupListSearchParams(await searchParams);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Kafka', href: '/kafka' }, { label: cluster.name }]} />
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
      {/* The cluster's offsets stream in: an unreachable broker takes up to 10 s to give up. */}
      <Suspense fallback={<Spinner label="Reading the cluster" />}>
        <ConsumerGroups actor={actor} cluster={{ id: cluster.id, name: cluster.name }} query={query} />
      </Suspense>
    </>
  );
}

async function ConsumerGroups({ actor, cluster, query }: { actor: Actor; cluster: { id: string; name: string }; query: ConsumerGroupListQuery }) {
  const groups = await listConsumerGroups(actor, cluster.id, query);
  return <GroupsTable cluster={cluster} initial={groups} refreshMs={listRefreshMs()} />;
}
