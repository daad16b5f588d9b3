// GET /api/v1/sns/topics/:arn/policy — the topic's data protection policy, statement by statement
import { apiRoute } from '@/server/http';
import { getTopicPolicy } from '@/server/sns/policy';
import { topicArnParam } from '@/server/sns/access';

export const GET = apiRoute({}, ({ actor, params }) => getTopicPolicy(actor, topicArnParam(params)));
