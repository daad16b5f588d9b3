// GET /api/v1/targets — targets my teams may use; POST — register one (platform admins)
import { apiRoute, JsonResult } from '@/server/http';
import { listTargetsForActor } from '@/server/targets/queries';
import { registerTarget } from '@/server/targets/admin';
import { targetInputSchema } from '@/lib/schemas/targets';

export const GET = apiRoute({}, async ({ actor }) => ({ targets: await listTargetsForActor(actor) }));

export const POST = apiRoute({ body: targetInputSchema }, async ({ actor, body }) => new JsonResult(await registerTarget(actor, body), 201));
