import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata: Metadata = { title: 'Lambda cost estimator' };

export default async function Page() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Lambda cost estimator" description="What-if exploration of Lambda and SQS batch processing costs." />
      <EmptyState title="Estimator coming soon">The estimator models Lambda tiered pricing and SQS batch sizes.</EmptyState>
    </>
  );
}
