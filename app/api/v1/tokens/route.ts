// GET /api/v1/tokens — my API tokens; POST — create one (value returned once)
import { apiRoute, JsonResult } from '@/server/http';
import { createApiToken, listApiTokens } from '@/server/tokens/queries';
import { createTokenSchema } from '@/lib/schemas/tokens';
import { recordAudit } from '@/server/audit/queries';

export const GET = apiRoute({}, async ({ actor }) => ({ tokens: await listApiTokens(actor.userId) }));

export const POST = apiRoute({ body: createTokenSchema }, async ({ actor, body }) => {
  const { token, record } = await createApiToken(actor.userId, body.name, body.expiresInDays);
  await recordAudit({
    actor,
    action: 'token.create',
    resourceType: 'api-token',
    resourceId: record.id,
    outcome: 'success',
    details: { name: record.name },
    changes: { name: { from: null, to: record.name } },
  });
  return new JsonResult({ token, ...record }, 201, { 'Cache-Control': 'no-store' });
});
