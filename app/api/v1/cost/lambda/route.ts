// POST /api/v1/cost/lambda — monthly cost of one Lambda function (tiered compute, requests, storage)
import { apiRoute } from '@/server/http';
import { estimateLambdaCostForApi } from '@/server/cost/estimates';
import { lambdaCostInputSchema } from '@/lib/schemas/cost';

export const POST = apiRoute({ body: lambdaCostInputSchema }, ({ body }) => estimateLambdaCostForApi(body));
