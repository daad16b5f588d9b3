import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata: Metadata = { title: 'Kafka consumer lag' };

export default async function Page() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Kafka consumer lag" description="Consumer groups, their lag and status, for your registered clusters." />
      <EmptyState title="No clusters yet">Register an MSK or self-managed cluster in Settings; the sandbox cluster is registered for you.</EmptyState>
    </>
  );
}
