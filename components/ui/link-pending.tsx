'use client';

import { useLinkStatus } from 'next/link';

/**
 * Inside a <Link>: a small spinner while the page it leads to loads. Pages that look a record up
 * render before they send anything (so a missing one is a 404), so the old page stays a moment.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return pending ? (
    <span role="status" className="ml-1.5 inline-flex align-middle">
      <span className="h-3 w-3 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" aria-hidden />
      <span className="sr-only">Loading…</span>
    </span>
  ) : null;
}
