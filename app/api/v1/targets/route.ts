// GET /api/v1/targets — targets my teams may use; POST — register one (platform admins)
import { apiRoute, JsonResult } from '@/server/http';
import { createTarget, listTargetsForActor } from '@/server/targets/queries';
import { requirePlatformAdmin } from '@/server/auth/authz';
import { targetInputSchema } from '@/lib/schemas/targets';
import { recordAudit } from '@/server/audit/queries';

export const GET = apiRoute({}, async ({ actor }) => ({ targets: await listTargetsForActor(actor) }));

export const POST = apiRoute({ body: targetInputSchema }, async ({ actor, body }) => {
  requirePlatformAdmin(actor, 'register AWS targets');
  const target = await createTarget(body);
  await recordAudit({
    actor,
    action: 'target.create',
    resourceType: 'aws-target',
    resourceId: target.id,
    outcome: 'success',
    details: { name: target.name, accountId: target.accountId, regions: target.regions, roleArn: target.roleArn, teamIds: target.teamIds },
  });
  return new JsonResult(target, 201);
});
