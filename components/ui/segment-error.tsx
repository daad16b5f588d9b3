'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** The body of a route segment's error.tsx: what failed, a retry, and a way back. */
export function SegmentError({
  error,
  reset,
  title,
  back,
}: {
  error: Error & { digest?: string };
  reset?: () => void;
  title: string;
  back?: { href: string; label: string };
}) {
  return (
    <div className="max-w-2xl space-y-4">
      <Alert tone="error" title={title}>
        {/* Server errors carry a digest and a hidden message; only client-side messages are shown. */}
        {error.digest ? 'Something went wrong on our side.' : error.message}
        {error.digest && <span className="block text-xs">Reference: {error.digest}</span>}
      </Alert>
      <div className="flex gap-3">
        {reset && (
          <Button variant="secondary" onClick={reset}>
            Try again
          </Button>
        )}
        {back && (
          <Link href={back.href} className="self-center text-sm text-brand-600 underline">
            {back.label}
          </Link>
        )}
      </div>
    </div>
  );
}
