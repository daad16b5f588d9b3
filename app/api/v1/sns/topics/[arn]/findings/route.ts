// GET /api/v1/sns/topics/:arn/findings — one page of the topic's audit records in a time range, parsed and aggregated
import { apiRoute } from '@/server/http';
import { topicArnParam } from '@/server/sns/access';
import { listTopicFindings } from '@/server/sns/findings';
import { findingsQuerySchema } from '@/lib/schemas/sns';

export const GET = apiRoute({ query: findingsQuerySchema }, ({ actor, params, query }) => listTopicFindings(actor, topicArnParam(params), query));
