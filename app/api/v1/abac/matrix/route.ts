// GET /api/v1/abac/matrix — who may do one Lambda action on which function of a target and region, read live from IAM and Lambda
import { apiRoute } from '@/server/http';
import { getAbacMatrix } from '@/server/abac/inventory';
import { abacMatrixQuerySchema } from '@/lib/schemas/abac';

export const GET = apiRoute({ query: abacMatrixQuerySchema }, ({ actor, query }) => getAbacMatrix(actor, query));
