// POST /api/v1/launches/:id/drift — detect drift now (or say the target cannot)
import { apiRoute } from '@/server/http';
import { detectLaunchDrift } from '@/server/launches/teardown';

export const POST = apiRoute({}, ({ actor, params }) => detectLaunchDrift(actor, params.id!));
