// GET /api/v1/targets/:id/assignments — rules giving teams the resources no launch created; POST — add one (platform and team admins)
import { apiRoute, JsonResult } from '@/server/http';
import { addTargetAssignment, listTargetAssignments } from '@/server/tenancy/assignments';
import { resourceAssignmentInputSchema } from '@/lib/schemas/tenancy';

export const GET = apiRoute({}, async ({ actor, params }) => ({ assignments: await listTargetAssignments(actor, params.id!) }));

export const POST = apiRoute(
  { body: resourceAssignmentInputSchema },
  async ({ actor, params, body }) => new JsonResult(await addTargetAssignment(actor, params.id!, body), 201),
);
