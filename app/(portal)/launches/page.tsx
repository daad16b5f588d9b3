import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata: Metadata = { title: 'Launches' };

export default async function Page() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Launches" description="Stacks launched from blueprints into your AWS targets." />
      <EmptyState title="Nothing launched yet">Pick a blueprint in the catalog and launch it into the sandbox or one of your team’s accounts.</EmptyState>
    </>
  );
}
