// POST /api/v1/abac/simulate — decide one Lambda call against given policies and tags, with the explanation
import { apiRoute } from '@/server/http';
import { simulateAbacRequest } from '@/server/abac/simulate';
import { abacSimulateSchema } from '@/lib/schemas/abac';

export const POST = apiRoute({ body: abacSimulateSchema }, ({ body }) => simulateAbacRequest(body));
