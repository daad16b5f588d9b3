import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata: Metadata = { title: 'ABAC tag mappings' };

export default async function Page() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="ABAC tag mappings" description="Who may do what to which Lambda function, and why." />
      <EmptyState title="No mappings yet">Launch the Lambda ABAC blueprint to see how tags grant access.</EmptyState>
    </>
  );
}
