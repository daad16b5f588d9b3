// GET /api/v1/blueprints — the catalog, searched and filtered
import { apiRoute } from '@/server/http';
import { searchBlueprints } from '@/server/blueprints/load';
import { blueprintSearchSchema } from '@/lib/schemas/blueprints';

export const GET = apiRoute({ query: blueprintSearchSchema }, async ({ query }) => ({ blueprints: await searchBlueprints(query) }));
