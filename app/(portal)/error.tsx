'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="max-w-2xl space-y-4">
      <Alert tone="error" title="This page could not be loaded">
        {error.message && !error.digest ? error.message : 'Something went wrong on our side.'}
        {error.digest && <span className="block text-xs">Reference: {error.digest}</span>}
      </Alert>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
