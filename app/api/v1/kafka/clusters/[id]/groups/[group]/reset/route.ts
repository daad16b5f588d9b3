// POST /api/v1/kafka/clusters/:id/groups/:group/reset — plan (dryRun) or execute an offset reset; the group must be Empty
import { apiRoute } from '@/server/http';
import { resetConsumerGroupOffsets } from '@/server/kafka/consumer-group-reset';
import { offsetResetBodySchema } from '@/lib/schemas/kafka-clusters';

export const POST = apiRoute({ body: offsetResetBodySchema }, async ({ actor, params, body }) =>
  resetConsumerGroupOffsets(actor, params.id!, params.group!, body),
);
