// GET /api/v1/me — the caller
import { apiRoute } from '@/server/http';

export const GET = apiRoute({}, ({ actor }) => ({
  userId: actor.userId,
  email: actor.email,
  name: actor.name,
  isPlatformAdmin: actor.isPlatformAdmin,
  teams: actor.teams,
  authenticatedWith: actor.via,
}));
