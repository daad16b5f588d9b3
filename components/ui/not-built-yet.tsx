import Link from 'next/link';
import type { ReactNode } from 'react';
import { Alert } from './alert';

/** What a planned page says until it is built: plainly that it shows nothing yet, what it will show, and where to look meanwhile. */
export function NotBuiltYet({ children, blueprint }: { children: ReactNode; blueprint?: { slug: string; title: string } }) {
  return (
    <Alert tone="info" title="This page is not built yet">
      {children}
      {blueprint && (
        <span className="mt-2 block">
          The{' '}
          <Link href={`/catalog/${blueprint.slug}`} className="underline">
            {blueprint.title}
          </Link>{' '}
          blueprint can be launched already; this page does not read what it produces.
        </span>
      )}
    </Alert>
  );
}
