// GET /api/v1/abac/grid — one filtered, tag-grouped page of the principals × functions matrix
import { apiRoute } from '@/server/http';
import { getAbacGrid } from '@/server/abac/views';
import { abacGridQuerySchema } from '@/lib/schemas/abac-views';

export const GET = apiRoute({ query: abacGridQuerySchema }, ({ actor, query }) => getAbacGrid(actor, query));
