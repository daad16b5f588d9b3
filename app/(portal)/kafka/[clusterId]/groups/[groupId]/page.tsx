import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/server/auth/session';
import { getClusterForActor } from '@/server/kafka/clusters';
import { getConsumerGroupDetail, getGroupOwnership } from '@/server/kafka/consumer-groups';
import { listRefreshMs } from '@/server/kafka/page-refresh';
import { isAppError } from '@/server/errors';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { decodeGroupId, loadForPage, Refused } from '../../../_components/page-load';
import { GroupView } from './_components/group-view';

export const metadata: Metadata = { title: 'Consumer group lag' };

export default async function GroupPage({ params }: { params: Promise<{ clusterId: string; groupId: string }> }) {
  const actor = await requirePageActor();
  const { clusterId, groupId: rawGroupId } = await params;
  const groupId = decodeGroupId(rawGroupId);
  const loaded = await loadForPage(() => getClusterForActor(actor, clusterId));
  if (!loaded.ok) return <Refused message={loaded.message} />;
  const cluster = loaded.value;
  const resetHref = `/kafka/${cluster.id}/groups/${encodeURIComponent(groupId)}/reset`;

  let detail;
  try {
    detail = await getConsumerGroupDetail(actor, cluster.id, groupId);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'NOT_FOUND') throw error;
    const { canReset } = await getGroupOwnership(actor, cluster.id, groupId);
    return (
      <EmptyState
        title={`No consumer group ${groupId} on ${cluster.name}`}
        action={
          canReset ? (
            <Link href={resetHref} className={buttonClass('secondary')}>
              Prepare its offsets
            </Link>
          ) : undefined
        }
      >
        <p>
          The group has never committed offsets here. A Lambda event source mapping with this consumer group id creates it on its first poll; you can prepare
          its starting offsets before that.
        </p>
      </EmptyState>
    );
  }

  return (
    <>
      <p className="mb-1 text-xs text-slate-500">
        <Link href="/kafka" className="underline">
          Kafka
        </Link>{' '}
        /{' '}
        <Link href={`/kafka/${cluster.id}`} className="underline">
          {cluster.name}
        </Link>{' '}
        / consumer group
      </p>
      <GroupView cluster={{ id: cluster.id, name: cluster.name }} initial={detail} refreshMs={listRefreshMs()} resetHref={resetHref} />
    </>
  );
}
