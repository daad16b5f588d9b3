// DELETE /api/v1/tokens/:id — revoke an API token
import { apiRoute } from '@/server/http';
import { revokeApiToken } from '@/server/tokens/queries';
import { recordAudit } from '@/server/audit/queries';

export const DELETE = apiRoute({}, async ({ actor, params }) => {
  const token = await revokeApiToken(params.id!, actor);
  await recordAudit({
    actor,
    action: 'token.revoke',
    resourceType: 'api-token',
    resourceId: token.id,
    outcome: 'success',
    details: { name: token.name },
    changes: { revoked: { from: false, to: true } },
  });
  return token;
});
