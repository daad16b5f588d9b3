import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/server/auth/session';
import { getClusterForActor } from '@/server/kafka/clusters';
import { getConsumerGroupDetail, getGroupOwnership, listClusterTopics } from '@/server/kafka/consumer-groups';
import { refusalMessage } from '@/server/tenancy/ownership';
import { isAppError } from '@/server/errors';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { decodeGroupId, loadForPage, Refused } from '../../../../_components/page-load';
import { ResetForm } from './_components/reset-form';

export const metadata: Metadata = { title: 'Reset consumer group offsets' };

export default async function ResetPage({ params }: { params: Promise<{ clusterId: string; groupId: string }> }) {
  const actor = await requirePageActor();
  const { clusterId, groupId: rawGroupId } = await params;
  const groupId = decodeGroupId(rawGroupId);
  const loaded = await loadForPage(() => getClusterForActor(actor, clusterId));
  if (!loaded.ok) return <Refused message={loaded.message} />;
  const cluster = loaded.value;
  const groupHref = `/kafka/${cluster.id}/groups/${encodeURIComponent(groupId)}`;
  const header = (
    <>
      <p className="mb-1 text-xs text-slate-500">
        <Link href="/kafka" className="underline">
          Kafka
        </Link>{' '}
        /{' '}
        <Link href={`/kafka/${cluster.id}`} className="underline">
          {cluster.name}
        </Link>{' '}
        /{' '}
        <Link href={groupHref} className="underline">
          {groupId}
        </Link>
      </p>
      <PageHeader
        title={`Reset offsets of ${groupId}`}
        description="Plan first: the dry run shows every partition's current and new offset and the lag that follows. Kafka applies a reset only while the group has no active members."
      />
    </>
  );
  const ownership = await getGroupOwnership(actor, cluster.id, groupId);
  if (!ownership.canReset) {
    return (
      <>
        {header}
        <Refused message={refusalMessage(ownership.owner, 'operate', 'reset its offsets')} />
      </>
    );
  }

  const [detail, topics] = await Promise.all([
    getConsumerGroupDetail(actor, cluster.id, groupId).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }),
    listClusterTopics(actor, cluster.id).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'UNAVAILABLE') return error.message;
      throw error;
    }),
  ]);
  if (typeof topics === 'string') {
    return (
      <>
        {header}
        <Alert tone="error" title="Offsets cannot be reset right now">
          {topics}
        </Alert>
      </>
    );
  }
  return (
    <>
      {header}
      <ResetForm
        clusterId={cluster.id}
        groupId={groupId}
        groupHref={groupHref}
        clusterTopics={topics}
        groupTopics={detail ? detail.topics.map((t) => t.topic) : []}
        initialState={detail?.source === 'live' ? detail.state : null}
        members={detail?.members.map((m) => ({ clientId: m.clientId, host: m.host })) ?? []}
      />
    </>
  );
}
