// GET /api/v1/sns/topics — topics with a data protection policy in a target and region (or one launch), a page at a time
import { apiRoute } from '@/server/http';
import { listTopicsWithPolicies } from '@/server/sns/topics';
import { snsTopicsQuerySchema } from '@/lib/schemas/sns';

export const GET = apiRoute({ query: snsTopicsQuerySchema }, ({ actor, query }) => listTopicsWithPolicies(actor, query));
