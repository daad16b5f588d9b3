// GET /api/v1/teams/:id — one team with members (members only)
import { apiRoute } from '@/server/http';
import { getTeamForActor } from '@/server/teams/queries';

export const GET = apiRoute({}, async ({ actor, params }) => getTeamForActor(actor, params.id!));
