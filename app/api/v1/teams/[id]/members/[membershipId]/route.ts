// PATCH /api/v1/teams/:id/members/:membershipId — change a local member's role; DELETE — remove them (team and platform admins)
import { apiRoute } from '@/server/http';
import { changeMemberRole, removeTeamMember } from '@/server/teams/admin';
import { memberRoleSchema } from '@/lib/schemas/teams';

export const PATCH = apiRoute({ body: memberRoleSchema }, async ({ actor, params, body }) => changeMemberRole(actor, params.id!, params.membershipId!, body));

export const DELETE = apiRoute({}, async ({ actor, params }) => {
  await removeTeamMember(actor, params.id!, params.membershipId!);
  return { ok: true };
});
