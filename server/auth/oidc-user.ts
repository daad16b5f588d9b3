import 'server-only';
import { recordAudit } from '@/server/audit/queries';
import { membershipsFromGroups, type GroupRule } from '@/server/auth/group-rules';
import { replaceIdpMemberships, upsertOidcUser } from '@/server/auth/queries';

/** The settings an OIDC sign-in is judged by (from server/env.ts). */
export interface OidcAccessSettings {
  /** SLIPWAY_PLATFORM_ADMINS, lower-cased */
  platformAdminEmails: readonly string[];
  /** SLIPWAY_PLATFORM_ADMIN_GROUPS */
  platformAdminGroups: readonly string[];
  /** SLIPWAY_OIDC_GROUP_RULES, parsed */
  groupRules: readonly GroupRule[];
}

/**
 * Records an OIDC sign-in: the user, whether they are a platform admin (a listed e-mail or an admin
 * group: the one source of that role for OIDC users), and their team memberships from the groups
 * claim. Applied at every sign-in, so leaving a group in the IdP takes its access away at the next
 * one; memberships an admin assigned by hand stay. Every change is audited with its old and new value.
 */
export async function syncOidcUser(
  user: { email: string; name: string | null; groups?: readonly string[] },
  settings: OidcAccessSettings,
): Promise<{ id: string; isPlatformAdmin: boolean }> {
  const email = user.email.toLowerCase();
  const groups = user.groups ?? [];
  const adminGroup = settings.platformAdminGroups.find((group) => groups.includes(group));
  const listed = settings.platformAdminEmails.includes(email);
  const isPlatformAdmin = listed || adminGroup !== undefined;
  const { id, wasPlatformAdmin } = await upsertOidcUser(email, user.name ?? email, isPlatformAdmin);
  if (wasPlatformAdmin !== isPlatformAdmin) {
    await recordAudit({
      actor: null,
      action: isPlatformAdmin ? 'admin.platform-admin.grant' : 'admin.platform-admin.revoke',
      resourceType: 'user',
      resourceId: id,
      outcome: 'success',
      details: {
        email,
        source: listed ? 'SLIPWAY_PLATFORM_ADMINS' : adminGroup ? `IdP group ${adminGroup}` : 'SLIPWAY_PLATFORM_ADMINS and SLIPWAY_PLATFORM_ADMIN_GROUPS',
        from: wasPlatformAdmin,
        to: isPlatformAdmin,
      },
    });
  }
  for (const change of await replaceIdpMemberships(id, membershipsFromGroups(groups, settings.groupRules))) {
    await recordAudit({
      actor: null,
      action: 'admin.membership.idp-sync',
      resourceType: 'user',
      resourceId: id,
      outcome: 'success',
      details: { email, ...change },
    });
  }
  return { id, isPlatformAdmin };
}
