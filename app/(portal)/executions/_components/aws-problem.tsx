import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import type { PageProblem } from '@/server/sfn/page-load';

const TITLES: Partial<Record<PageProblem['code'], string>> = {
  NOT_FOUND: 'Not found',
  FORBIDDEN: 'Not allowed',
  UPSTREAM: 'AWS answered with an error',
  VALIDATION: 'That link is not valid',
  BAD_REQUEST: 'Not available for this execution',
};

/** An AWS or access problem a reader can act on, said plainly (sandbox down: which dependency, how to start it). */
export function AwsProblem({
  problem,
  backHref = '/executions',
  backLabel = 'Back to state machines',
}: {
  problem: PageProblem;
  backHref?: string;
  backLabel?: string;
}) {
  const title =
    problem.dependency === 'sandbox-aws'
      ? 'The sandbox AWS account is not running'
      : problem.dependency === 'aws'
        ? 'AWS cannot be reached'
        : (TITLES[problem.code] ?? 'This could not be loaded');
  return (
    <div className="max-w-3xl space-y-3" data-testid="aws-problem">
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
      <Link href={backHref} className="text-sm text-brand-600 underline">
        {backLabel}
      </Link>
    </div>
  );
}
