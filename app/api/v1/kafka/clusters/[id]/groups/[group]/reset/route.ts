// POST /api/v1/kafka/clusters/:id/groups/:group/reset — plan (dryRun) or execute an offset reset; the group must be Empty
import { apiRoute } from '@/server/http';
import { resetConsumerGroupOffsets } from '@/server/kafka/consumer-group-reset';
import { consumerGroupParam } from '@/server/kafka/route-params';
import { offsetResetBodySchema } from '@/lib/schemas/kafka';

export const POST = apiRoute({ body: offsetResetBodySchema }, async ({ actor, params, body }) =>
  resetConsumerGroupOffsets(actor, params.id!, consumerGroupParam(params), body),
);
