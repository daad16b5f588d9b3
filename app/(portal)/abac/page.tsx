import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { getCurrentTarget } from '@/server/targets/current';
import { PageHeader } from '@/components/ui/page-header';
import { Alert } from '@/components/ui/alert';
import { AbacWorkbench } from './_components/abac-workbench';

export const metadata: Metadata = { title: 'ABAC tag mappings' };

export default async function Page() {
  const actor = await requirePageActor();
  const current = await getCurrentTarget(actor);
  return (
    <>
      <PageHeader
        title="ABAC tag mappings"
        description="Who may do what to which Lambda function, and why: decided from IAM policies and tags as IAM would, read live from the current target."
      />
      {current ? (
        <AbacWorkbench target={{ id: current.target.id, name: current.target.name }} region={current.region} />
      ) : (
        <Alert tone="warn" title="No AWS target">
          None of your teams may use an AWS target yet. A platform admin registers targets in Settings.
        </Alert>
      )}
    </>
  );
}
