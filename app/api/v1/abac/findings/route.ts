// GET /api/v1/abac/findings — what is wrong or risky in a target's ABAC set-up (unreachable functions, vacuous conditions, re-tagging, wildcards)
import { apiRoute } from '@/server/http';
import { getAbacFindings } from '@/server/abac/views';
import { abacInventoryQuerySchema } from '@/lib/schemas/abac-views';

export const GET = apiRoute({ query: abacInventoryQuerySchema }, ({ actor, query }) => getAbacFindings(actor, query));
