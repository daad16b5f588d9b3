'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { portalSections } from '@/lib/nav/sections';
import { cn } from '@/components/ui/cn';

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Sections" className="flex flex-col gap-0.5">
      {portalSections.map((s) => {
        const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
        return (
          <Link
            key={s.href}
            href={s.href}
            aria-current={active ? 'page' : undefined}
            className={cn('rounded-md px-3 py-1.5 text-sm', active ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-100')}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
