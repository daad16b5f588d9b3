// PATCH /api/v1/targets/:id — edit a target; DELETE — remove it (platform admins)
import { apiRoute } from '@/server/http';
import { editTarget, removeTarget } from '@/server/targets/admin';
import { targetUpdateSchema } from '@/lib/schemas/targets';

export const PATCH = apiRoute({ body: targetUpdateSchema }, ({ actor, params, body }) => editTarget(actor, params.id!, body));

export const DELETE = apiRoute({}, async ({ actor, params }) => {
  await removeTarget(actor, params.id!);
  return { ok: true };
});
