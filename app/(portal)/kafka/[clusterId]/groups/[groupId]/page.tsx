import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { requirePageActor } from '@/server/auth/session';
import type { Actor } from '@/server/auth/actor';
import { getClusterForActor } from '@/server/kafka/clusters';
import { findConsumerGroupDetail, getGroupOwnership } from '@/server/kafka/consumer-groups';
import { listRefreshMs } from '@/server/kafka/page-refresh';
import { groupIdFromPageParam } from '@/server/kafka/route-params';
import { loadForPage } from '@/server/page-load';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { BreakableName } from '@/components/ui/breakable-name';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageProblem } from '@/components/ui/page-problem';
import { Spinner } from '@/components/ui/spinner';
import { GroupView } from './_components/group-view';

export const metadata: Metadata = { title: 'Consumer group lag' };

export default async function GroupPage({ params }: { params: Promise<{ clusterId: string; groupId: string }> }) {
  const actor = await requirePageActor();
  const { clusterId, groupId: rawGroupId } = await params;
  const groupId = groupIdFromPageParam(rawGroupId);
  const loaded = await loadForPage(() => getClusterForActor(actor, clusterId));
  if (!loaded.ok) return <PageProblem problem={loaded.problem} back={{ href: '/kafka', label: 'Clusters you can see' }} />;
  const cluster = loaded.data;
  return (
    <>
      <Breadcrumbs items={[{ label: 'Kafka', href: '/kafka' }, { label: cluster.name, href: `/kafka/${cluster.id}` }, { label: 'consumer group' }]} />
      {/* The group's offsets stream in: an unreachable broker takes up to 10 s to give up. */}
      <Suspense fallback={<Spinner label="Reading the cluster" />}>
        <ConsumerGroup actor={actor} cluster={{ id: cluster.id, name: cluster.name }} groupId={groupId} />
      </Suspense>
    </>
  );
}

async function ConsumerGroup({ actor, cluster, groupId }: { actor: Actor; cluster: { id: string; name: string }; groupId: string }) {
  const resetHref = `/kafka/${cluster.id}/groups/${encodeURIComponent(groupId)}/reset`;
  const found = await findConsumerGroupDetail(actor, cluster.id, groupId);
  if (found.detail) return <GroupView cluster={cluster} initial={found.detail} refreshMs={listRefreshMs()} resetHref={resetHref} />;

  // A group that has never committed here is not an error: a Lambda event source mapping creates it on its first poll.
  const { canReset } = await getGroupOwnership(actor, cluster.id, groupId);
  return (
    <EmptyState
      title={
        <>
          No consumer group <BreakableName name={groupId} /> on {cluster.name}
        </>
      }
      action={
        canReset ? (
          <Link href={resetHref} className={buttonClass('secondary')}>
            Prepare its offsets
          </Link>
        ) : undefined
      }
    >
      <p>
        The group has never committed offsets here. A Lambda event source mapping with this consumer group id creates it on its first poll; you can prepare its
        starting offsets before that.
      </p>
    </EmptyState>
  );
}
