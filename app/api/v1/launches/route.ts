// GET /api/v1/launches — launches (mine / my team / all); POST — launch a blueprint (idempotent)
import { apiRoute, JsonResult } from '@/server/http';
import { startLaunch } from '@/server/launches/create';
import { getLaunchDetail, listLaunches } from '@/server/launches/read';
import { launchListSchema, launchRequestSchema } from '@/lib/schemas/launches';

export const GET = apiRoute({ query: launchListSchema }, async ({ actor, query }) => ({ launches: await listLaunches(actor, query) }));

export const POST = apiRoute({ body: launchRequestSchema }, async ({ actor, body }) => {
  const { launchId, created } = await startLaunch(actor, body);
  return new JsonResult(await getLaunchDetail(actor, launchId), created ? 201 : 200);
});
