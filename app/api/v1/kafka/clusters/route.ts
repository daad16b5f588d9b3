// GET /api/v1/kafka/clusters — clusters my teams may read; POST — register one (platform admins, team admins for their team)
import { apiRoute, JsonResult } from '@/server/http';
import { listClustersForActor, registerCluster } from '@/server/kafka/clusters';
import { recordAudit } from '@/server/audit/queries';
import { kafkaClusterRegistrationSchema } from '@/lib/schemas/kafka';

export const GET = apiRoute({}, async ({ actor }) => ({ clusters: await listClustersForActor(actor) }));

export const POST = apiRoute({ body: kafkaClusterRegistrationSchema }, async ({ actor, body }) => {
  const cluster = await registerCluster(actor, body);
  await recordAudit({
    actor,
    action: 'kafka.cluster.create',
    resourceType: 'kafka-cluster',
    resourceId: cluster.id,
    teamId: cluster.team?.id ?? null,
    outcome: 'success',
    details: { name: cluster.name, connection: cluster.connection, targetId: cluster.target?.id ?? null, hasSecrets: cluster.hasSecrets },
    changes: {
      name: { from: null, to: cluster.name },
      team: { from: null, to: cluster.team?.name ?? null },
      ...(cluster.hasSecrets ? { credentials: { from: 'not set', to: 'set' } as const } : {}),
    },
  });
  return new JsonResult(cluster, 201);
});
