import { NextResponse, type NextRequest } from 'next/server';

// A fast redirect for signed-out browsers. It only looks for the session cookie; every page and
// API route still checks the session itself, so this is a convenience, not the access control.
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export function proxy(req: NextRequest) {
  if (SESSION_COOKIES.some((c) => req.cookies.has(c))) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = '/signin';
  url.search = `?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: the API answers 401 itself, and sign-in, health and static files stay public.
  matcher: ['/((?!api|signin|health|_next|favicon.ico|.*\\.(?:svg|png|jpg|ico|css|js)$).*)'],
};
