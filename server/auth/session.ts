import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { loadActor } from '@/server/auth/queries';
import { resolveApiToken } from '@/server/tokens/queries';
import { AppError } from '@/server/errors';
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

/** For API routes: a bearer token, else the session cookie; null when neither is valid. */
export async function getRequestActor(req: Request): Promise<Actor | null> {
  const header = req.headers.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
    const resolved = await resolveApiToken(match[1]);
    if (!resolved) throw new AppError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked.');
    return loadActor({ id: resolved.userId }, 'token', resolved.tokenId);
  }
  return getSessionActor();
}
