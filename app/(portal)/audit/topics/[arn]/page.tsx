import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePageActor } from '@/server/auth/session';
import { loadForPage } from '@/server/page-load';
import { parseTopicArn } from '@/server/sns/access';
import { getTopicPolicy } from '@/server/sns/policy';
import { decodeArnParam } from '@/lib/sfn/arn';
import { Alert } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageProblem } from '@/components/ui/page-problem';
import { OwnerBadge } from '@/components/tenancy/owner-badge';
import { FindingsExplorer } from '../../_components/findings-explorer';
import { PolicyStatements } from '../../_components/policy-statements';

export const metadata: Metadata = { title: 'Topic data protection' };

type Params = Promise<{ arn: string }>;

export default async function TopicPage({ params }: { params: Params }) {
  const actor = await requirePageActor();
  const arn = decodeArnParam((await params).arn);
  const parts = parseTopicArn(arn);
  // A path that is not a topic ARN is no page at all.
  if (!parts) notFound();
  const loaded = await loadForPage(() => getTopicPolicy(actor, arn));
  const crumbs = <Breadcrumbs items={[{ href: '/audit', label: 'Audit findings' }, { label: parts.name }]} />;
  if (!loaded.ok) {
    return (
      <>
        {crumbs}
        <h1 className="mb-4 text-xl font-semibold">{parts.name}</h1>
        <PageProblem problem={loaded.problem} back={{ href: '/audit', label: 'Back to topics' }} />
      </>
    );
  }
  const { topic, policy, undetectable } = loaded.data;
  const audit = policy.statements.find(
    (s) => s.operation.kind === 'audit' && (s.operation.findingsDestination?.cloudWatchLogsGroup || s.operation.noFindingsDestination?.cloudWatchLogsGroup),
  );
  const logGroup =
    audit && audit.operation.kind === 'audit'
      ? (audit.operation.findingsDestination?.cloudWatchLogsGroup ?? audit.operation.noFindingsDestination?.cloudWatchLogsGroup ?? null)
      : null;
  return (
    <div className="space-y-6">
      <header>
        {crumbs}
        <h1 className="text-xl font-semibold text-slate-900">{topic.name}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span className="break-all font-mono text-xs">{topic.arn}</span> <OwnerBadge owner={topic.owner} />
        </p>
      </header>
      <section aria-labelledby="policy-heading" className="space-y-2">
        <h2 id="policy-heading" className="text-base font-semibold">
          Data protection policy
        </h2>
        <PolicyStatements policy={policy} />
        {undetectable.length > 0 && (
          <Alert tone="warn">The policy names identifiers the policy tester cannot detect: {undetectable.join(', ')}. Their findings still show below.</Alert>
        )}
      </section>
      <section aria-labelledby="findings-heading" className="space-y-2">
        <h2 id="findings-heading" className="text-base font-semibold">
          Findings
        </h2>
        <FindingsExplorer topicArn={topic.arn} logGroup={logGroup} />
      </section>
    </div>
  );
}
