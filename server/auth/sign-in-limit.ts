import 'server-only';
import { NextResponse } from 'next/server';
import { isAppError } from '@/server/errors';
import { getClientAddress } from '@/server/security/client-address';
import { consumeRateLimit, rateLimits } from '@/server/security/rate-limit';

// The e-mail a credentials sign-in tries, read from a copy of the body next-auth reads next.
async function attemptedEmail(req: Request): Promise<string | null> {
  if (req.method !== 'POST') return null;
  const type = req.headers.get('content-type') ?? '';
  const text = await req.clone().text();
  if (type.includes('application/x-www-form-urlencoded')) return new URLSearchParams(text).get('email');
  if (type.includes('application/json')) {
    const email = (JSON.parse(text || '{}') as { email?: unknown }).email;
    return typeof email === 'string' ? email : null;
  }
  return null;
}

/**
 * Counts a sign-in attempt (a request to next-auth's callback: the demo sign-in's POST, the
 * identity provider's redirect back) against the client address, and against the e-mail tried.
 * Returns the 429 to answer once either is over its limit, or null to let next-auth go on.
 */
export async function refuseExcessSignIn(req: Request, action: string[]): Promise<Response | null> {
  if (action[0] !== 'callback') return null;
  try {
    await consumeRateLimit(rateLimits.signInPerClient, getClientAddress(req.headers));
    const email = await attemptedEmail(req).catch(() => null);
    if (email?.trim()) await consumeRateLimit(rateLimits.signInPerEmail, email);
    return null;
  } catch (err) {
    if (!isAppError(err) || err.code !== 'RATE_LIMITED') throw err;
    // next-auth's signIn() in the browser goes to `url`: the sign-in page, which explains.
    return NextResponse.json(
      { url: '/signin?error=TooManyAttempts', error: { code: err.code, message: err.message } },
      { status: 429, headers: { 'Retry-After': String(err.details?.retryAfterSeconds ?? 60) } },
    );
  }
}
