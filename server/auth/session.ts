import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { loadActor } from '@/server/auth/queries';
import { resolveApiToken } from '@/server/tokens/queries';
import { AppError } from '@/server/errors';
import { getClientAddress } from '@/server/security/client-address';
import { assertUnderRateLimit, rateLimits, recordRateLimitFailure } from '@/server/security/rate-limit';
import type { Actor } from '@/server/auth/actor';

/** The signed-in actor for this request (session cookie), or null. Memoised per request. */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const email = session?.user?.email;
  return email ? loadActor({ email }, 'session') : null;
});

/** For pages: the signed-in actor, or a redirect to the sign-in page. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect('/signin');
  return actor;
}

/**
 * For API routes: a bearer token, else the session cookie; null when neither is valid. A client
 * address that sent too many invalid tokens is refused (RATE_LIMITED) before its token is looked at.
 */
export async function getRequestActor(req: Request): Promise<Actor | null> {
  const header = req.headers.get('authorization');
  if (header) {
    const client = getClientAddress(req.headers);
    await assertUnderRateLimit(rateLimits.bearerFailuresPerClient, client);
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const resolved = match?.[1] ? await resolveApiToken(match[1]) : null;
    if (!resolved) {
      await recordRateLimitFailure(rateLimits.bearerFailuresPerClient, client);
      throw new AppError('UNAUTHENTICATED', match ? 'The API token is invalid, expired or revoked.' : 'The Authorization header must be "Bearer <token>".');
    }
    return loadActor({ id: resolved.userId }, 'token', resolved.tokenId);
  }
  return getSessionActor();
}
