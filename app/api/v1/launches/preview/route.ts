// POST /api/v1/launches/preview — validate and show the change set (resources to add, capabilities, cost) before creating anything
import { apiRoute } from '@/server/http';
import { previewLaunch } from '@/server/launches/create';
import { launchRequestSchema } from '@/lib/schemas/launches';

export const POST = apiRoute({ body: launchRequestSchema }, ({ actor, body }) => previewLaunch(actor, body));
