// GET /api/v1/kafka/clusters/:id/groups/:group/history?from&to — total and per-partition lag over time
import { apiRoute } from '@/server/http';
import { getConsumerGroupHistory } from '@/server/kafka/consumer-groups';
import { groupHistoryQuerySchema } from '@/lib/schemas/kafka';

export const GET = apiRoute({ query: groupHistoryQuerySchema }, async ({ actor, params, query }) =>
  getConsumerGroupHistory(actor, params.id!, params.group!, query),
);
