'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';

/** Re-runs the page's server functions (the list is read from AWS on each render). */
export function RefreshButton({ label = 'Refresh' }: { label?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button variant="secondary" onClick={() => startTransition(() => router.refresh())} disabled={pending} aria-busy={pending}>
      {pending ? 'Refreshing…' : label}
    </Button>
  );
}
