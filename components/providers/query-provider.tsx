'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { z } from 'zod';

// Zod compiles object parsers with `new Function` where eval is allowed, and finds out by trying:
// under the portal's Content-Security-Policy that probe is a violation. This provider wraps every
// page, so its module runs before any page parses; the interpreter is fast enough for forms.
z.config({ jitless: true });

export function QueryProvider({ children }: { children: ReactNode }) {
  // One client per browser tab; created in state so a re-render never replaces it.
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false, retry: 1 } },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
