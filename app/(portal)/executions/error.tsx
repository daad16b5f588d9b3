'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

export default function ExecutionsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="max-w-2xl space-y-4">
      <Alert tone="error" title="This Step Functions page could not be loaded">
        {error.digest ? 'Something went wrong on our side.' : error.message}
        {error.digest && <span className="block text-xs">Reference: {error.digest}</span>}
      </Alert>
      <div className="flex gap-3">
        <Button variant="secondary" onClick={reset}>
          Try again
        </Button>
        <Link href="/executions" className="self-center text-sm text-brand-600 underline">
          All state machines
        </Link>
      </div>
    </div>
  );
}
