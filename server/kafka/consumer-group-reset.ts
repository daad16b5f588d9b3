import 'server-only';

import type { OffsetResetResultDto } from '@/lib/kafka/dto';
import type { OffsetResetBody } from '@/lib/schemas/kafka';
import { recordAudit } from '@/server/audit/queries';
import type { Actor } from '@/server/auth/actor';
import { AppError, isAppError } from '@/server/errors';

import { connectClusterAdmin, isConnectionError } from './admin';
import { clusterConfigBuilder, clusterSecretValues } from './cluster-config';
import { describeClusterError } from './cluster-health';
import { requireReadableCluster } from './clusters';
import { loadGroupOwnership } from './group-ownership';
import { owningTeamIds, refusalMessage } from '@/server/tenancy/ownership';
import { describeStrategy, resetGroupOffsets } from './reset';
import type { StoredKafkaCluster } from './queries';

/**
 * Offset resets as people ask for them: permission (developer in the team that owns the group, or a
 * platform admin; groups nobody owns only platform admins), a dry run that only plans, and an execution that Kafka allows only while the
 * group is Empty. Executions are audited whatever their outcome; dry runs change nothing and are not.
 */
export async function resetConsumerGroupOffsets(actor: Actor, clusterId: string, groupId: string, body: OffsetResetBody): Promise<OffsetResetResultDto> {
  const cluster = await requireReadableCluster(actor, clusterId);
  const { owner, access } = (await loadGroupOwnership(actor, cluster))(groupId);
  const audit = (outcome: 'success' | 'failure' | 'refused', details: Record<string, unknown>) =>
    body.dryRun
      ? Promise.resolve()
      : recordAudit({
          actor,
          action: 'kafka.offsets.reset',
          resourceType: 'kafka-consumer-group',
          resourceId: `${cluster.id}/${groupId}`,
          teamId: owningTeamIds(owner)[0] ?? cluster.teamId,
          outcome,
          details: { cluster: cluster.name, groupId, strategy: describeStrategy(body.strategy), topics: body.topics, ...details },
        });

  if (!access.canOperate) {
    await audit('refused', { reason: 'owner', owner: owner.kind === 'unowned' ? null : owningTeamIds(owner) });
    throw new AppError('FORBIDDEN', refusalMessage(owner, 'operate', 'reset its offsets'), { details: { owner } });
  }

  try {
    const result = await withFreshAdmin(cluster, (client) => resetGroupOffsets(client, { ...body, groupId }));
    await audit('success', {
      groupState: result.groupState,
      partitions: result.partitions.slice(0, 200).map((p) => ({ topic: p.topic, partition: p.partition, from: p.currentOffset, to: p.newOffset })),
    });
    return result;
  } catch (error) {
    const refused = isAppError(error) && error.code === 'CONFLICT';
    await audit(refused ? 'refused' : 'failure', { error: describeClusterError(error, clusterSecretValues(cluster)) });
    if (isConnectionError(error)) {
      throw new AppError('UNAVAILABLE', `Kafka cluster ${cluster.name} cannot be reached: ${describeClusterError(error, clusterSecretValues(cluster))}`);
    }
    throw error;
  }
}

// A reset touches arbitrary topics by name; a connection of its own keeps them out of the shared
// admin's metadata (kafkajs keeps refreshing every topic it was asked about, even deleted ones).
async function withFreshAdmin<T>(cluster: StoredKafkaCluster, fn: (client: Awaited<ReturnType<typeof connectClusterAdmin>>) => Promise<T>): Promise<T> {
  const client = await connectClusterAdmin(await clusterConfigBuilder(cluster, 'web')());
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}
