import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requirePageActor } from '@/server/auth/session';
import type { Actor } from '@/server/auth/actor';
import { getClusterForActor } from '@/server/kafka/clusters';
import { findConsumerGroupDetail, getGroupOwnership, listClusterTopics } from '@/server/kafka/consumer-groups';
import { groupIdFromPageParam } from '@/server/kafka/route-params';
import { refusalMessage } from '@/server/tenancy/ownership';
import { loadForPage } from '@/server/page-load';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { BreakableName } from '@/components/ui/breakable-name';
import { PageHeader } from '@/components/ui/page-header';
import { PageProblem } from '@/components/ui/page-problem';
import { Spinner } from '@/components/ui/spinner';
import { ResetForm } from './_components/reset-form';

export const metadata: Metadata = { title: 'Reset consumer group offsets' };

export default async function ResetPage({ params }: { params: Promise<{ clusterId: string; groupId: string }> }) {
  const actor = await requirePageActor();
  const { clusterId, groupId: rawGroupId } = await params;
  const groupId = groupIdFromPageParam(rawGroupId);
  const loaded = await loadForPage(() => Promise.all([getClusterForActor(actor, clusterId), getGroupOwnership(actor, clusterId, groupId)]));
  if (!loaded.ok) return <PageProblem problem={loaded.problem} back={{ href: '/kafka', label: 'Clusters you can see' }} />;
  const [cluster, ownership] = loaded.data;
  const groupHref = `/kafka/${cluster.id}/groups/${encodeURIComponent(groupId)}`;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Kafka', href: '/kafka' },
          { label: cluster.name, href: `/kafka/${cluster.id}` },
          { label: <BreakableName name={groupId} />, href: groupHref },
        ]}
      />
      <PageHeader
        title={`Reset offsets of ${groupId}`}
        description="Plan first: the dry run shows every partition's current and new offset and the lag that follows. Kafka applies a reset only while the group has no active members."
      />
      {ownership.canReset ? (
        // The group's offsets and the cluster's topics stream in: an unreachable broker takes up to 10 s to give up.
        <Suspense fallback={<Spinner label="Reading the cluster" />}>
          <Reset actor={actor} clusterId={cluster.id} groupId={groupId} groupHref={groupHref} />
        </Suspense>
      ) : (
        <PageProblem
          problem={{ code: 'FORBIDDEN', message: refusalMessage(ownership.owner, 'operate', 'reset its offsets'), dependency: null }}
          back={{ href: groupHref, label: 'Back to the group' }}
        />
      )}
    </>
  );
}

async function Reset({ actor, clusterId, groupId, groupHref }: { actor: Actor; clusterId: string; groupId: string; groupHref: string }) {
  const loaded = await loadForPage(() => Promise.all([findConsumerGroupDetail(actor, clusterId, groupId), listClusterTopics(actor, clusterId)]));
  if (!loaded.ok) {
    return <PageProblem title="Offsets cannot be reset right now" problem={loaded.problem} back={{ href: groupHref, label: 'Back to the group' }} />;
  }
  const [{ detail }, topics] = loaded.data;
  return (
    <ResetForm
      clusterId={clusterId}
      groupId={groupId}
      groupHref={groupHref}
      clusterTopics={topics}
      groupTopics={detail ? detail.topics.map((t) => t.topic) : []}
      initialState={detail?.source === 'live' ? detail.state : null}
      members={detail?.members.map((m) => ({ clientId: m.clientId, host: m.host })) ?? []}
    />
  );
}
