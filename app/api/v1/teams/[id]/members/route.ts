// GET /api/v1/teams/:id/members — members with role and source; POST — add a local member (team and platform admins)
import { apiRoute, JsonResult } from '@/server/http';
import { addTeamMember, listTeamMembers } from '@/server/teams/admin';
import { memberAddSchema } from '@/lib/schemas/teams';

export const GET = apiRoute({}, async ({ actor, params }) => ({ members: (await listTeamMembers(actor, params.id!)).members }));

export const POST = apiRoute({ body: memberAddSchema }, async ({ actor, params, body }) => new JsonResult(await addTeamMember(actor, params.id!, body), 201));
