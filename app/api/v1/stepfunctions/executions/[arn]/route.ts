// GET /api/v1/stepfunctions/executions/:arn — one execution: status, I/O, per-state visits, graph, banner, timeline (the ARN URL-encoded)
import { apiRoute } from '@/server/http';
import { getExecutionDetail } from '@/server/sfn/execution-detail';
import { executionArnParam } from '@/server/sfn/route-params';

export const GET = apiRoute({}, ({ actor, params }) => getExecutionDetail(actor, executionArnParam(params)));
