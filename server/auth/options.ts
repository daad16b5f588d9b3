import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { Provider } from 'next-auth/providers/index';
import type { TokenSet } from 'openid-client';
import { env } from '@/server/env';
import { deriveKey } from '@/server/crypto';
import { findDemoUser } from '@/server/auth/queries';
import { groupsFromClaims } from '@/server/auth/group-rules';
import { syncOidcUser } from '@/server/auth/oidc-user';
import { recordAudit } from '@/server/audit/queries';

export const DEMO_PROVIDER_ID = 'demo';
export const OIDC_PROVIDER_ID = 'oidc';

function providers(): Provider[] {
  const e = env();
  const list: Provider[] = [];
  if (e.isOidcConfigured) {
    list.push({
      id: OIDC_PROVIDER_ID,
      name: e.OIDC_NAME,
      type: 'oauth',
      wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      idToken: true,
      checks: ['pkce', 'state'],
      // With the code flow, many providers keep email, name and groups out of the ID token and serve
      // them from the UserInfo endpoint only; ask it when the (validated) ID token lacks an email, or
      // lacks the groups claim while groups decide teams or platform admins.
      userinfo: {
        async request({ tokens, client }) {
          // next-auth passes the openid-client TokenSet here; its type says only "parameters".
          const set = tokens as TokenSet;
          const claims = set.claims();
          const wantsGroups = (e.groupRules.length > 0 || e.platformAdminGroups.length > 0) && claims[e.SLIPWAY_OIDC_GROUPS_CLAIM] === undefined;
          return claims.email && !wantsGroups ? claims : { ...claims, ...(await client.userinfo(set)) };
        },
      },
      authorization: { params: { scope: 'openid email profile' } },
      profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
        const email = profile.email ?? profile.preferred_username ?? profile.sub;
        return { id: profile.sub, email, name: profile.name ?? email };
      },
    });
  }
  if (e.isDemoAuth) {
    // Demo sign-in: pick a seeded demo user, no password. Only for the embedded default set-up;
    // it is off as soon as an OIDC provider is configured (unless SLIPWAY_DEMO_AUTH=true).
    list.push(
      CredentialsProvider({
        id: DEMO_PROVIDER_ID,
        name: 'Demo sign-in',
        credentials: { email: { label: 'Demo user', type: 'text' } },
        async authorize(credentials) {
          const email = credentials?.email?.trim().toLowerCase();
          if (!email) return null;
          const user = await findDemoUser(email);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    );
  }
  return list;
}

let cached: NextAuthOptions | undefined;

/** next-auth configuration: OIDC when configured, the demo sign-in otherwise. */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: env().NEXTAUTH_SECRET ?? deriveKey('nextauth').toString('base64'),
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    // Secure (and __Secure-/__Host- prefixed) cookies whenever the portal is served over https.
    useSecureCookies: env().isHttps,
    pages: { signIn: '/signin', error: '/signin' },
    providers: providers(),
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider === OIDC_PROVIDER_ID && user.email) {
          const e = env();
          const groups = groupsFromClaims(profile as Record<string, unknown> | undefined, e.SLIPWAY_OIDC_GROUPS_CLAIM);
          await syncOidcUser({ email: user.email, name: user.name ?? null, groups }, e);
        }
        return Boolean(user.email);
      },
      async jwt({ token, user }) {
        if (user?.email) token.email = user.email.toLowerCase();
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.email) session.user.email = token.email;
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        if (user.email) {
          await recordAudit({
            actor: { userId: user.id, email: user.email },
            action: 'auth.sign-in',
            resourceType: 'session',
            outcome: 'success',
            details: { provider: account?.provider ?? 'unknown' },
          });
        }
      },
    },
  };
  return cached;
}
