import 'server-only';

/** Request header by which proxy.ts tells the root layout where to redirect (never taken from the client). */
export const CANONICAL_URL_HEADER = 'x-slipway-canonical-url';

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

/**
 * Where to send a page request that reached the portal under another loopback name than the
 * public URL's (127.0.0.1 for localhost, say), keeping path and query; null to serve it as it is.
 * Sign-in sets its cookie for the name next-auth redirects to (the public URL's), so a user who
 * signed in under the other name would look signed out.
 */
export function canonicalLoopbackUrl(host: string | null, path: { pathname: string; search: string }, publicOrigin: string): string | null {
  if (!host) return null;
  const requested = URL.parse(`http://${host}`);
  const canonical = new URL(publicOrigin);
  if (!requested || !LOOPBACK.test(requested.hostname) || !LOOPBACK.test(canonical.hostname)) return null;
  // Same name: nothing to do. Another port: some other server, not a second spelling of ours.
  if (requested.hostname === canonical.hostname || requested.port !== canonical.port) return null;
  // Set piecewise, so a path like //evil.example cannot become another host.
  canonical.pathname = path.pathname;
  canonical.search = path.search;
  return canonical.toString();
}
