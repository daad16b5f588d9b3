// POST /api/v1/stepfunctions/executions/:arn/stop — stop a running execution (developers; audited)
import { apiRoute } from '@/server/http';
import { stopExecutionFor } from '@/server/sfn/run';
import { executionArnParam } from '@/server/sfn/route-params';
import { stopExecutionSchema } from '@/lib/schemas/sfn';

export const POST = apiRoute({ body: stopExecutionSchema }, ({ actor, params, body }) => stopExecutionFor(actor, executionArnParam(params), body));
