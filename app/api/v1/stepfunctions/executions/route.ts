// GET /api/v1/stepfunctions/executions — executions of a state machine (filters, nextToken); POST — start one
import { apiRoute, JsonResult } from '@/server/http';
import { listExecutions } from '@/server/sfn/executions';
import { startExecutionFor } from '@/server/sfn/run';
import { listExecutionsQuerySchema, startExecutionSchema } from '@/lib/schemas/sfn';

export const GET = apiRoute({ query: listExecutionsQuerySchema }, ({ actor, query }) => listExecutions(actor, query));

export const POST = apiRoute({ body: startExecutionSchema }, async ({ actor, body }) => new JsonResult(await startExecutionFor(actor, body), 201));
