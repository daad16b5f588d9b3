// GET /api/v1/kafka/clusters/:id/groups/:group — state, members, status, time lag and per-partition offsets
import { apiRoute } from '@/server/http';
import { getConsumerGroupDetail } from '@/server/kafka/consumer-groups';

export const GET = apiRoute({}, async ({ actor, params }) => getConsumerGroupDetail(actor, params.id!, params.group!));
