// GET /api/v1/abac/explain — one matrix cell's decisions with the deciding statements and resolved conditions
import { apiRoute } from '@/server/http';
import { explainAbacDecision } from '@/server/abac/views';
import { abacExplainQuerySchema } from '@/lib/schemas/abac-views';

export const GET = apiRoute({ query: abacExplainQuerySchema }, ({ actor, query }) => explainAbacDecision(actor, query));
