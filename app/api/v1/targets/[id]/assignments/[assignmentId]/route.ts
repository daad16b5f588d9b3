// DELETE /api/v1/targets/:id/assignments/:assignmentId — remove an assignment rule (platform admins, admins of its team)
import { apiRoute } from '@/server/http';
import { removeTargetAssignment } from '@/server/tenancy/assignments';

export const DELETE = apiRoute({}, async ({ actor, params }) => {
  await removeTargetAssignment(actor, params.id!, params.assignmentId!);
  return { ok: true };
});
