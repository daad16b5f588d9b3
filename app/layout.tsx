import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { QueryProvider } from '@/components/providers/query-provider';
import { CANONICAL_URL_HEADER } from '@/server/security/canonical-host';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Slipway', template: '%s · Slipway' },
  description: 'Launch, watch and cost AWS serverless blueprints.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request renders every page per request: each response carries its own CSP nonce
  // (proxy.ts), which Next.js writes into the page's scripts, so no page may be prerendered once and
  // served again. It also keeps signed-in pages and the / redirect out of caches (no-store).
  const canonical = (await headers()).get(CANONICAL_URL_HEADER);
  if (canonical) redirect(canonical);
  return (
    <html lang="en">
      <body>
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
