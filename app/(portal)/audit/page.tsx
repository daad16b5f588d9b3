import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata: Metadata = { title: 'Audit findings' };

export default async function Page() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Audit findings" description="SNS message data protection findings: sensitive data found, masked or denied." />
      <EmptyState title="No findings yet">Launch the SNS message data protection blueprint and publish a message to see findings.</EmptyState>
    </>
  );
}
