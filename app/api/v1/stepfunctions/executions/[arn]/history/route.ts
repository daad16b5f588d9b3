// GET /api/v1/stepfunctions/executions/:arn/history — one page of the history events, filtered by type and state
import { apiRoute } from '@/server/http';
import { getExecutionHistoryPage } from '@/server/sfn/execution-detail';
import { executionArnParam } from '@/server/sfn/route-params';
import { executionHistoryQuerySchema } from '@/lib/schemas/sfn';

export const GET = apiRoute({ query: executionHistoryQuerySchema }, ({ actor, params, query }) =>
  getExecutionHistoryPage(actor, executionArnParam(params), query),
);
