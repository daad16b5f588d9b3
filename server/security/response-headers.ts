import 'server-only';

type PolicyOptions = { nonce: string; isDev: boolean; isHttps: boolean };

/**
 * The Content-Security-Policy for one response, after Next.js's nonce recipe: Next.js puts the
 * nonce on its own scripts when it finds this policy on the request, and 'strict-dynamic' lets
 * those scripts load the chunks they need.
 */
export function buildContentSecurityPolicy({ nonce, isDev, isHttps }: PolicyOptions): string {
  return [
    "default-src 'self'",
    // React uses eval for its debugging aids in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    // React Flow, recharts and server-rendered `style` props write style attributes, which a nonce
    // cannot cover (nonces apply to <style> elements only, and a nonce here would switch
    // 'unsafe-inline' off). Injected styles cannot run script, so this is the usual trade.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Headers that depend on the deployment (the static ones are in next.config.js). */
export function deploymentHeaders({ isHttps }: { isHttps: boolean }): Record<string, string> {
  // HSTS over plain http would be ignored by browsers, and pinning https on localhost would break
  // every other local app on that name.
  return isHttps ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {};
}

/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}
