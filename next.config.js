/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ['better-sqlite3', 'kafkajs', 'pg', 'elkjs', 'esbuild'],
  poweredByHeader: false,
  // The portal's image (Dockerfile) runs Next's standalone server: a traced, minimal node_modules.
  // Checkouts keep `next start`, which standalone output would only warn about.
  output: process.env.SLIPWAY_NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  // The proxy reads the request URL as sent: normalised, Next.js rebuilds the query from a plain object,
  // which silently drops a `__proto__` key that the API must refuse with a 422 (proxy.ts).
  skipProxyUrlNormalize: true,
  reactStrictMode: true,
  typedRoutes: false,
  // Blueprint files are read at run time from blueprints/.
  outputFileTracingIncludes: { '/**': ['./blueprints/**/*'] },
  // The server reads paths under the working directory, so tracing takes in the whole checkout; the
  // standalone output (the image) needs none of these.
  outputFileTracingExcludes: { '/**': ['./e2e/**', './sandbox/**', './docs/**', './dist/**', './test/**', './infra/**', './**/*.test.ts'] },
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
