/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ['better-sqlite3', 'kafkajs', 'pg', 'elkjs'],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Blueprint files are read at run time from blueprints/.
  outputFileTracingIncludes: { '/**': ['./blueprints/**/*'] },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
