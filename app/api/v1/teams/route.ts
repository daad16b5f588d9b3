// GET /api/v1/teams — the caller's teams; POST — create a team (platform admins)
import { apiRoute, JsonResult } from '@/server/http';
import { listTeamsForActor } from '@/server/teams/queries';
import { createTeam } from '@/server/teams/admin';
import { teamCreateSchema, teamListQuerySchema } from '@/lib/schemas/teams';

export const GET = apiRoute({ query: teamListQuerySchema }, async ({ actor, query }) => ({
  teams: await listTeamsForActor(actor, { includeArchived: query.includeArchived === 'true' }),
}));

export const POST = apiRoute({ body: teamCreateSchema }, async ({ actor, body }) => new JsonResult(await createTeam(actor, body), 201));
