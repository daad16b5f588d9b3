// POST /api/v1/abac/verify — one matrix cell checked against IAM SimulatePrincipalPolicy, the portal's answer next to IAM's
import { apiRoute } from '@/server/http';
import { verifyAbacDecision } from '@/server/abac/views';
import { abacVerifySchema } from '@/lib/schemas/abac-views';

export const POST = apiRoute({ body: abacVerifySchema }, ({ actor, body }) => verifyAbacDecision(actor, body));
