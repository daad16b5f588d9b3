// GET /api/v1/blueprints — the catalog, searched and filtered, a page at a time
import { apiRoute } from '@/server/http';
import { browseCatalog } from '@/server/blueprints/load';
import { blueprintSearchSchema } from '@/lib/schemas/blueprints';

export const GET = apiRoute({ query: blueprintSearchSchema }, async ({ query: { limit, offset, ...search } }) => {
  const page = await browseCatalog(search, { limit, offset });
  return { blueprints: page.blueprints, total: page.matched, nextOffset: page.nextOffset };
});
