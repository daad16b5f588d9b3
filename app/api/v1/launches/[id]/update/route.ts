// POST /api/v1/launches/:id/update — change parameters or move to the newest blueprint version (dryRun: preview only)
import { apiRoute, JsonResult } from '@/server/http';
import { updateLaunchStack } from '@/server/launches/update';
import { getLaunchDetail } from '@/server/launches/read';
import { launchUpdateSchema } from '@/lib/schemas/launches';

export const POST = apiRoute({ body: launchUpdateSchema }, async ({ actor, params, body }) => {
  const { preview, started } = await updateLaunchStack(actor, params.id!, body);
  if (body.dryRun) return { preview };
  return new JsonResult({ preview, launch: await getLaunchDetail(actor, params.id!) }, started ? 202 : 200);
});
