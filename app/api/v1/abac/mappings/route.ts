// GET /api/v1/abac/mappings — which principal tag keys gate which resource tag keys, with the statements behind each
import { apiRoute } from '@/server/http';
import { getAbacMappings } from '@/server/abac/views';
import { abacInventoryQuerySchema } from '@/lib/schemas/abac-views';

export const GET = apiRoute({ query: abacInventoryQuerySchema }, ({ actor, query }) => getAbacMappings(actor, query));
