import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/server/env';
import { portalSections } from '@/lib/nav/sections';
import { CANONICAL_URL_HEADER, canonicalLoopbackUrl } from '@/server/security/canonical-host';
import { buildContentSecurityPolicy, createNonce, deploymentHeaders } from '@/server/security/response-headers';
import { queryKeysRoutesCannotSee, unknownQueryKeysBody } from '@/server/security/query-keys';

// Runs before every page and API route (not static files):
// 1. a page asked for under another loopback name than the public URL's moves to that name first,
//    or sign-in would set its cookie for one name and redirect to the other. The root layout sends
//    the redirect: Next.js rewrites a proxy redirect to its own idea of the host into a relative
//    one, which would send the browser back to the name it came from;
// 2. signed-out browsers asking for a portal page are sent to sign in. This only looks for the session
//    cookie; every page and API route still checks the session itself, so it is a convenience, not the
//    access control;
// 3. X-Forwarded-* headers a client sent are dropped unless SLIPWAY_TRUST_PROXY says our proxy sets
//    them; Next.js then records the socket's address and Host in their place;
// 4. an API query with a key Next.js would drop before the route runs (`__proto__`) is refused here
//    with the API's 422, naming it, as the route would any other unknown field;
// 5. each response gets a Content-Security-Policy with a fresh nonce, which Next.js reads from the
//    request to put on its own scripts (so every page renders dynamically: see app/layout.tsx).
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];
const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'];
const isApi = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');
// Only the portal's own pages send a signed-out visitor to sign in; any other path gets Next.js's 404
// page (which shows nothing), so an unknown address answers 404 whoever asks.
const isPortalPage = (pathname: string) => pathname === '/' || portalSections.some(({ href }) => pathname === href || pathname.startsWith(`${href}/`));

function withDeploymentHeaders(res: NextResponse, isHttps: boolean): NextResponse {
  for (const [name, value] of Object.entries(deploymentHeaders({ isHttps }))) res.headers.set(name, value);
  return res;
}

export function proxy(req: NextRequest) {
  const e = env();
  const { pathname, search } = req.nextUrl;

  const canonical =
    !isApi(pathname) && (req.method === 'GET' || req.method === 'HEAD')
      ? canonicalLoopbackUrl(req.headers.get('host'), { pathname, search }, e.publicOrigin)
      : null;

  if (!canonical && isPortalPage(pathname) && !SESSION_COOKIES.some((c) => req.cookies.has(c))) {
    const url = req.nextUrl.clone();
    url.pathname = '/signin';
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return withDeploymentHeaders(NextResponse.redirect(url), e.isHttps);
  }

  const lostKeys = isApi(pathname) ? queryKeysRoutesCannotSee(search) : [];
  if (lostKeys.length) return withDeploymentHeaders(NextResponse.json(unknownQueryKeysBody(lostKeys), { status: 422 }), e.isHttps);

  const nonce = createNonce();
  const policy = buildContentSecurityPolicy({ nonce, isDev: e.NODE_ENV === 'development', isHttps: e.isHttps });
  const headers = new Headers(req.headers);
  if (!e.trustProxy) for (const name of FORWARDED_HEADERS) headers.delete(name);
  headers.delete(CANONICAL_URL_HEADER);
  if (canonical) headers.set(CANONICAL_URL_HEADER, canonical);
  // For server components that add a <Script> of their own (none yet): Next.js's scripts take the
  // nonce from the policy header below.
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('Content-Security-Policy', policy);
  return withDeploymentHeaders(res, e.isHttps);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|ico|css|js)$).*)'],
};
