// POST /api/v1/teams/:id/archive — archive a team without live launches (platform admins)
import { apiRoute } from '@/server/http';
import { archiveTeam } from '@/server/teams/admin';

export const POST = apiRoute({}, async ({ actor, params }) => archiveTeam(actor, params.id!));
