// GET /api/v1/teams/:id — one team with members (members only); PATCH — rename it (platform admins)
import { apiRoute } from '@/server/http';
import { getTeamForActor } from '@/server/teams/queries';
import { renameTeam } from '@/server/teams/admin';
import { teamRenameSchema } from '@/lib/schemas/teams';

export const GET = apiRoute({}, async ({ actor, params }) => getTeamForActor(actor, params.id!));

export const PATCH = apiRoute({ body: teamRenameSchema }, async ({ actor, params, body }) => renameTeam(actor, params.id!, body));
