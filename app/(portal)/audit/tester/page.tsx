import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { listTopicsWithPolicies } from '@/server/sns/topics';
import { PageHeader } from '@/components/ui/page-header';
import { AuditTabs } from '../_components/audit-tabs';
import { PolicyTester } from '../_components/policy-tester';

export const metadata: Metadata = { title: 'Data protection policy tester' };

export default async function PolicyTesterPage() {
  const actor = await requirePageActor();
  // The topic picker is a convenience: the tester works without it when topics cannot be read.
  const topics = await listTopicsWithPolicies(actor, { page: 1, pageSize: 100 })
    .then((list) => list.topics.filter((t) => t.access.canRead && t.policy.status === 'attached').map((t) => ({ arn: t.arn, name: t.name })))
    .catch(() => []);
  return (
    <>
      <PageHeader
        title="Audit findings"
        description="What would this policy do? Paste a data protection policy (or start from a topic's), type a message and the principals: see what is detected and where, which statements apply, whether the publish is denied and who receives it. Nothing is published."
      />
      <AuditTabs current="/audit/tester" />
      <PolicyTester topics={topics} />
    </>
  );
}
