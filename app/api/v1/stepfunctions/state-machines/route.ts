// GET /api/v1/stepfunctions/state-machines — state machines of a target and region (default: the switcher's) with recent execution counts
import { apiRoute } from '@/server/http';
import { listStateMachinesWithActivity } from '@/server/sfn/state-machines';
import { stateMachinesQuerySchema } from '@/lib/schemas/sfn';

export const GET = apiRoute({ query: stateMachinesQuerySchema }, ({ actor, query }) => listStateMachinesWithActivity(actor, query));
