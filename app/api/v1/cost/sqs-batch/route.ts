// POST /api/v1/cost/sqs-batch — monthly cost of draining an SQS queue at each batch size, with feasibility
import { apiRoute } from '@/server/http';
import { estimateSqsBatchCostsForApi } from '@/server/cost/estimates';
import { sqsBatchInputSchema } from '@/lib/schemas/cost';

export const POST = apiRoute({ body: sqsBatchInputSchema }, ({ body }) => estimateSqsBatchCostsForApi(body));
