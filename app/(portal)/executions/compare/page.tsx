import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { getExecutionPair } from '@/server/sfn/execution-detail';
import { loadForPage } from '@/server/page-load';
import { decodeArnParam } from '@/lib/sfn/arn';
import { executionArnSchema } from '@/lib/schemas/sfn';
import { EmptyState } from '@/components/ui/empty-state';
import { PageProblem } from '@/components/ui/page-problem';
import { CompareView } from '../_components/compare-view';

export const metadata: Metadata = { title: 'Compare executions' };

type SearchParams = Promise<{ a?: string | string[]; b?: string | string[] }>;
const first = (value: string | string[] | undefined) => decodeArnParam((Array.isArray(value) ? value[0] : value) ?? '');

export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const query = await searchParams;
  const [a, b] = [first(query.a), first(query.b)];
  if (!executionArnSchema.safeParse(a).success || !executionArnSchema.safeParse(b).success) {
    return <EmptyState title="Pick two executions to compare">Open a state machine, tick two of its executions and press Compare.</EmptyState>;
  }
  const loaded = await loadForPage(() => getExecutionPair(actor, a, b));
  if (!loaded.ok) return <PageProblem problem={loaded.problem} back={{ href: '/executions', label: 'Back to state machines' }} />;
  return <CompareView a={loaded.data[0]} b={loaded.data[1]} />;
}
