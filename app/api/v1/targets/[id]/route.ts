// DELETE /api/v1/targets/:id — remove a target (platform admins)
import { apiRoute } from '@/server/http';
import { deleteTarget } from '@/server/targets/queries';
import { requirePlatformAdmin } from '@/server/auth/authz';
import { recordAudit } from '@/server/audit/queries';

export const DELETE = apiRoute({}, async ({ actor, params }) => {
  requirePlatformAdmin(actor, 'remove AWS targets');
  await deleteTarget(params.id!);
  await recordAudit({ actor, action: 'target.delete', resourceType: 'aws-target', resourceId: params.id!, outcome: 'success' });
  return { ok: true };
});
