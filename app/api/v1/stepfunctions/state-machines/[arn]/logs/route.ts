// GET /api/v1/stepfunctions/state-machines/:arn/logs — an Express machine's CloudWatch Logs (the ARN URL-encoded)
import { apiRoute } from '@/server/http';
import { getExpressLogs } from '@/server/sfn/express-logs';
import { stateMachineArnParam } from '@/server/sfn/route-params';
import { expressLogsQuerySchema } from '@/lib/schemas/sfn';

export const GET = apiRoute({ query: expressLogsQuerySchema }, ({ actor, params, query }) => getExpressLogs(actor, stateMachineArnParam(params), query));
