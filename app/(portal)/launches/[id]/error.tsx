'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';

export default function LaunchError({ error }: { error: Error & { digest?: string } }) {
  return (
    <div className="max-w-2xl space-y-4">
      <Alert tone="error" title="This launch could not be shown">
        {error.digest ? 'It does not exist, or it belongs to a team you are not in.' : error.message}
      </Alert>
      <Link href="/launches" className="text-sm text-brand-600 underline">
        Back to launches
      </Link>
    </div>
  );
}
