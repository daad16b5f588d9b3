// GET /api/v1/sns/topics/:arn/metrics — MessageWithFindings and MessageWithNoFindings over a time range
import { apiRoute } from '@/server/http';
import { topicArnParam } from '@/server/sns/access';
import { getFindingMetrics } from '@/server/sns/findings';
import { findingMetricsQuerySchema } from '@/lib/schemas/sns';

export const GET = apiRoute({ query: findingMetricsQuerySchema }, ({ actor, params, query }) => getFindingMetrics(actor, topicArnParam(params), query));
