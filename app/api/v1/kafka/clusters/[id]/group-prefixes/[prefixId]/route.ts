// DELETE /api/v1/kafka/clusters/:id/group-prefixes/:prefixId — remove a consumer group prefix (platform admins, admins of its team)
import { apiRoute } from '@/server/http';
import { removeClusterGroupPrefix } from '@/server/kafka/group-ownership';

export const DELETE = apiRoute({}, async ({ actor, params }) => {
  await removeClusterGroupPrefix(actor, params.id!, params.prefixId!);
  return { ok: true };
});
