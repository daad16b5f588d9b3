/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ['better-sqlite3', 'kafkajs', 'pg', 'elkjs', 'esbuild'],
  poweredByHeader: false,
  // The proxy reads the request URL as sent: normalised, Next.js rebuilds the query from a plain object,
  // which silently drops a `__proto__` key that the API must refuse with a 422 (proxy.ts).
  skipProxyUrlNormalize: true,
  reactStrictMode: true,
  typedRoutes: false,
  // Blueprint files are read at run time from blueprints/.
  outputFileTracingIncludes: { '/**': ['./blueprints/**/*'] },
  // Headers that never change with the deployment; the Content-Security-Policy (a nonce per
  // response) and HSTS (https only) are set by proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
        ],
      },
      {
        // API answers are per caller and often secret (a new token): no cache may keep them.
        source: '/api/:path*',
        headers: [{ key: 'Cache-Control', value: 'no-store' }],
      },
    ];
  },
};

export default nextConfig;
