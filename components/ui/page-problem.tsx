import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import type { PageProblem as Problem } from '@/lib/page-problem';

const TITLES: Partial<Record<Problem['code'], string>> = {
  FORBIDDEN: 'You cannot see this',
  UPSTREAM: 'AWS answered with an error',
  VALIDATION: 'That link is not valid',
  BAD_REQUEST: 'Not available here',
  CONFLICT: 'Not available here',
};

/**
 * What a page shows instead of its data when loadForPage (server/page-load.ts) came back with a problem
 * the reader can act on, said plainly: refused (and why), a dependency down (which one, where to look),
 * AWS refusing; with a way back.
 */
export function PageProblem({ problem, back, title: givenTitle }: { problem: Problem; back: { href: string; label: string }; title?: string }) {
  const title =
    givenTitle ??
    (problem.dependency === 'sandbox-aws'
      ? 'The sandbox AWS account is not running'
      : problem.dependency === 'aws'
        ? 'AWS cannot be reached'
        : (TITLES[problem.code] ?? 'This could not be loaded'));
  return (
    <div className="max-w-3xl space-y-3" data-testid="page-problem">
      <Alert tone={problem.code === 'UNAVAILABLE' ? 'warn' : 'error'} title={title}>
        {problem.message}
        {problem.dependency === 'sandbox-aws' && (
          <span className="mt-1 block text-xs">
            <Link href="/health" className="underline">
              System health
            </Link>{' '}
            shows each dependency.
          </span>
        )}
      </Alert>
      <Link href={back.href} className="text-sm text-brand-600 underline">
        {back.label}
      </Link>
    </div>
  );
}
