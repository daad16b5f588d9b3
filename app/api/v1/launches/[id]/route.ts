// GET /api/v1/launches/:id — one launch with events, outputs, progress; DELETE — tear its stack down
import { apiRoute, JsonResult } from '@/server/http';
import { getLaunchDetail, requireReadableLaunch } from '@/server/launches/read';
import { syncLaunch } from '@/server/launches/sync';
import { teardownLaunch } from '@/server/launches/teardown';
import { teardownSchema } from '@/lib/schemas/launches';
import { log } from '@/server/log';

export const GET = apiRoute({}, async ({ actor, params }) => {
  const row = await requireReadableLaunch(actor, params.id!);
  // The worker follows launches in flight; syncing here too makes a watched page snappier.
  if (row.operation && row.operation !== 'preview')
    await syncLaunch(row).catch((err) => log.warn('sync on read failed', { launchId: row.id, error: (err as Error).message }));
  return getLaunchDetail(actor, row.id);
});

export const DELETE = apiRoute({ body: teardownSchema }, async ({ actor, params, body }) => {
  const { started } = await teardownLaunch(actor, params.id!, body.retainResources);
  return new JsonResult(await getLaunchDetail(actor, params.id!), started ? 202 : 200);
});
