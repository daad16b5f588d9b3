import 'server-only';
import { env } from '@/server/env';

/**
 * True when the browser says our own pages sent the request: `Sec-Fetch-Site: same-origin`, or an
 * `Origin` equal to the public URL's (scheme, host and port). Browsers set both headers themselves
 * and pages cannot forge them; clients that can forge them (curl, scripts) hold no victim's cookie.
 * Forwarded headers play no part: the public URL is configured, not guessed from the request.
 */
export function hasSameOriginProof(headers: Headers, publicOrigin = env().publicOrigin): boolean {
  if (headers.get('sec-fetch-site') === 'same-origin') return true;
  // Compared as a string: `null`, garbage or a path never equal a serialised origin.
  return headers.get('origin') === publicOrigin;
}
