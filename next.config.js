/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ['better-sqlite3', 'kafkajs', 'pg', 'elkjs'],
  poweredByHeader: false,
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
