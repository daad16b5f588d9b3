// POST /api/v1/kafka/clusters/:id/test — connect now and report brokers, controller and Kafka version
import { apiRoute } from '@/server/http';
import { testClusterConnection } from '@/server/kafka/clusters';

export const POST = apiRoute({}, async ({ actor, params }) => testClusterConnection(actor, params.id!));
