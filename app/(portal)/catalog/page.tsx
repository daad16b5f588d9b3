import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata: Metadata = { title: 'Catalog' };

export default async function Page() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Catalog" description="Serverless architecture blueprints your platform team publishes." />
      <EmptyState title="No blueprints yet">Blueprints appear here once they are published under blueprints/.</EmptyState>
    </>
  );
}
