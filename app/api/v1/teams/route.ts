// GET /api/v1/teams — the caller's teams
import { apiRoute } from '@/server/http';
import { listTeamsForActor } from '@/server/teams/queries';

export const GET = apiRoute({}, async ({ actor }) => ({ teams: await listTeamsForActor(actor) }));
