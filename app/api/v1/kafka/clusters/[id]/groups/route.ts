// GET /api/v1/kafka/clusters/:id/groups — one page of consumer groups (filtered, sorted) with lag, status, time lag and a sparkline
import { apiRoute } from '@/server/http';
import { listConsumerGroups } from '@/server/kafka/consumer-groups';
import { consumerGroupListQuerySchema } from '@/lib/schemas/kafka';

export const GET = apiRoute({ query: consumerGroupListQuerySchema }, async ({ actor, params, query }) => listConsumerGroups(actor, params.id!, query));
