// GET /api/v1/kafka/clusters/:id/groups — every consumer group with lag, status, time lag and a sparkline
import { apiRoute } from '@/server/http';
import { listConsumerGroups } from '@/server/kafka/consumer-groups';

export const GET = apiRoute({}, async ({ actor, params }) => listConsumerGroups(actor, params.id!));
