import Link from 'next/link';
import type { ReactNode } from 'react';

/** The body of a not-found.tsx: what is missing, why that may be, and a way back. */
export function NotFoundMessage({ children, back }: { children: ReactNode; back: { href: string; label: string } }) {
  return (
    <div className="max-w-2xl space-y-3 py-6">
      <h1 className="text-xl font-semibold text-slate-900">Not found</h1>
      <p className="text-sm text-slate-600">{children}</p>
      <Link href={back.href} className="inline-block text-sm text-brand-600 underline">
        {back.label}
      </Link>
    </div>
  );
}
