import 'server-only';
import { env } from '@/server/env';

/**
 * The client's IP address, for rate limits. Without a trusted proxy, `proxy.ts` drops the
 * X-Forwarded-* headers a client sent, so the X-Forwarded-For seen here is the one Next.js sets
 * from the socket. With SLIPWAY_TRUST_PROXY, it is the last address our proxy appended (earlier
 * ones came from the client and prove nothing).
 */
export function getClientAddress(headers: Headers, trustProxy = env().trustProxy): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const address = (trustProxy ? forwarded.at(-1) : forwarded[0]) ?? 'unknown';
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}
