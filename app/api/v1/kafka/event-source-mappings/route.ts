// GET /api/v1/kafka/event-source-mappings?target&region — Lambda mappings that consume from Kafka, linked to lag pages
import { apiRoute } from '@/server/http';
import { getTargetForActor } from '@/server/targets/queries';
import { listKafkaEventSourceMappings } from '@/server/kafka/event-source-mappings';
import { eventSourceMappingsQuerySchema } from '@/lib/schemas/kafka';

export const GET = apiRoute({ query: eventSourceMappingsQuerySchema }, async ({ actor, query }) => {
  const target = await getTargetForActor(actor, query.target);
  return listKafkaEventSourceMappings(actor, target, query.region ?? target.regions[0]!);
});
