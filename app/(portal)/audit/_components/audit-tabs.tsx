import Link from 'next/link';
import { cn } from '@/components/ui/cn';

const TABS = [
  { href: '/audit', label: 'Topics' },
  { href: '/audit/tester', label: 'Policy tester' },
] as const;

/** The audit section's two views; the current one is marked for screen readers too. */
export function AuditTabs({ current }: { current: (typeof TABS)[number]['href'] }) {
  return (
    <nav aria-label="Audit findings views" className="mb-4 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-1.5 text-sm font-medium',
            tab.href === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900',
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
