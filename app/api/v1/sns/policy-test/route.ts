// POST /api/v1/sns/policy-test — what SNS would do with a message under a data protection policy
import { apiRoute } from '@/server/http';
import { testPolicy } from '@/server/sns/policy-test';
import { policyTestSchema } from '@/lib/schemas/sns';

export const POST = apiRoute({ body: policyTestSchema }, ({ body }) => testPolicy(body));
