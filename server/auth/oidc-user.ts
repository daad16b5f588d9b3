import 'server-only';
import { recordAudit } from '@/server/audit/queries';
import { upsertOidcUser } from '@/server/auth/queries';

/**
 * Records an OIDC sign-in's user and whether they are a platform admin. `platformAdminEmails`
 * (SLIPWAY_PLATFORM_ADMINS, lower-cased) is the one source of that role for OIDC users and is
 * applied at every sign-in, so removing an address takes the role away at the next sign-in; each
 * change is audited with its old and new value.
 */
export async function syncOidcUser(
  user: { email: string; name: string | null },
  platformAdminEmails: readonly string[],
): Promise<{ id: string; isPlatformAdmin: boolean }> {
  const email = user.email.toLowerCase();
  const isPlatformAdmin = platformAdminEmails.includes(email);
  const { id, wasPlatformAdmin } = await upsertOidcUser(email, user.name ?? email, isPlatformAdmin);
  if (wasPlatformAdmin !== isPlatformAdmin) {
    await recordAudit({
      actor: null,
      action: isPlatformAdmin ? 'admin.platform-admin.grant' : 'admin.platform-admin.revoke',
      resourceType: 'user',
      resourceId: id,
      outcome: 'success',
      details: { email, source: 'SLIPWAY_PLATFORM_ADMINS', from: wasPlatformAdmin, to: isPlatformAdmin },
    });
  }
  return { id, isPlatformAdmin };
}
