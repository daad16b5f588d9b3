import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata: Metadata = { title: 'Step Functions executions' };

export default async function Page() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Step Functions executions" description="State machines and their executions in the current target." />
      <EmptyState title="No state machines yet">Launch a blueprint with a state machine to watch its executions here.</EmptyState>
    </>
  );
}
