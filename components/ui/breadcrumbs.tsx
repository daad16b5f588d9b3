import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from './cn';

export interface Crumb {
  label: ReactNode;
  /** Omitted for a step that is not a page of its own (a category, a team). */
  href?: string;
}

/** The trail above a page's title: the pages it sits under, each a link, separated by slashes. */
export function Breadcrumbs({ items, className }: { items: Crumb[]; className?: string }) {
  return (
    <nav aria-label="Breadcrumb" className={cn('mb-1 text-xs text-slate-500', className)}>
      <ol className="flex flex-wrap items-baseline gap-x-1">
        {items.map((item, i) => (
          <li key={i} className="flex min-w-0 items-baseline gap-x-1 break-words">
            {i > 0 && <span aria-hidden>/</span>}
            {item.href ? (
              <Link href={item.href} className="underline">
                {item.label}
              </Link>
            ) : (
              <span>{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
