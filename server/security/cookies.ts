import 'server-only';
import { env } from '@/server/env';

/** Attributes of every cookie the portal sets itself: no script access, same-site, Secure over https. */
export function baseCookieOptions() {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: env().isHttps } as const;
}
