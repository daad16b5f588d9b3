// GET /api/v1/kafka/clusters/:id/group-prefixes — which team owns which consumer group ids; POST — add a prefix (platform and team admins)
import { apiRoute, JsonResult } from '@/server/http';
import { addClusterGroupPrefix, listClusterGroupPrefixes } from '@/server/kafka/group-ownership';
import { groupPrefixInputSchema } from '@/lib/schemas/tenancy';

export const GET = apiRoute({}, async ({ actor, params }) => ({ prefixes: await listClusterGroupPrefixes(actor, params.id!) }));

export const POST = apiRoute(
  { body: groupPrefixInputSchema },
  async ({ actor, params, body }) => new JsonResult(await addClusterGroupPrefix(actor, params.id!, body), 201),
);
