// GET /api/v1/launches — a page of launches (mine / my team / all), newest first; POST — launch a blueprint (idempotent)
import { apiRoute, JsonResult } from '@/server/http';
import { startLaunch } from '@/server/launches/create';
import { getLaunchDetail, listLaunches } from '@/server/launches/read';
import { launchListSchema, launchRequestSchema } from '@/lib/schemas/launches';

export const GET = apiRoute({ query: launchListSchema }, async ({ actor, query }) => listLaunches(actor, query));

export const POST = apiRoute({ body: launchRequestSchema }, async ({ actor, body }) => {
  const { launchId, created } = await startLaunch(actor, body);
  return new JsonResult(await getLaunchDetail(actor, launchId), created ? 201 : 200);
});
