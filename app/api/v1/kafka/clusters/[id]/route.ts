// GET /api/v1/kafka/clusters/:id — one cluster with the sampler's health; DELETE — remove it and its lag history
import { apiRoute } from '@/server/http';
import { deleteCluster, getClusterForActor } from '@/server/kafka/clusters';
import { recordAudit } from '@/server/audit/queries';

export const GET = apiRoute({}, async ({ actor, params }) => getClusterForActor(actor, params.id!));

export const DELETE = apiRoute({}, async ({ actor, params }) => {
  const cluster = await deleteCluster(actor, params.id!);
  await recordAudit({
    actor,
    action: 'kafka.cluster.delete',
    resourceType: 'kafka-cluster',
    resourceId: cluster.id,
    teamId: cluster.teamId,
    outcome: 'success',
    details: { name: cluster.name },
    changes: { name: { from: cluster.name, to: null } },
  });
  return { ok: true };
});
