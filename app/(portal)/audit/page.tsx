import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePageActor } from '@/server/auth/session';
import { loadForPage } from '@/server/page-load';
import { listTopicsWithPolicies } from '@/server/sns/topics';
import { parseTopicArn } from '@/server/sns/access';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PageProblem } from '@/components/ui/page-problem';
import { TableHead } from '@/components/ui/table-head';
import { OwnerBadge } from '@/components/tenancy/owner-badge';
import { AuditTabs } from './_components/audit-tabs';

export const metadata: Metadata = { title: 'Audit findings' };

type SearchParams = Promise<{ page?: string | string[]; launch?: string | string[]; topicArn?: string | string[] }>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
const PAGE_SIZE = 25;

/** Where a topic's page lives: its ARN as one encoded path segment. */
const topicHref = (arn: string) => `/audit/topics/${encodeURIComponent(arn)}`;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const query = await searchParams;
  // A launch's dashboard link names its topic: open it.
  const topicArn = first(query.topicArn);
  if (topicArn && parseTopicArn(topicArn)) redirect(topicHref(topicArn));
  const page = Math.min(10_000, Math.max(1, Number.parseInt(first(query.page) ?? '1', 10) || 1));
  const launch = first(query.launch);
  const loaded = await loadForPage(() => listTopicsWithPolicies(actor, { page, pageSize: PAGE_SIZE, launch }));
  const header = (
    <PageHeader
      title="Audit findings"
      description="SNS topics with a message data protection policy: what each statement audits or denies, the audit records it writes, and a tester for what a policy would do."
    />
  );
  if (!loaded.ok) {
    return (
      <>
        {header}
        <AuditTabs current="/audit" />
        <PageProblem problem={loaded.problem} back={{ href: '/audit', label: 'Try again' }} />
      </>
    );
  }
  const { target, topics, total, scanned, launch: fromLaunch } = loaded.data;
  const where = `${target.isSandbox ? 'the sandbox' : target.name} (${target.accountId}) in ${target.region}`;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageHref = (p: number) => `/audit?${new URLSearchParams({ page: String(p), ...(launch ? { launch } : {}) })}`;
  return (
    <>
      {header}
      <AuditTabs current="/audit" />
      <p className="mb-3 text-sm text-slate-600">
        {fromLaunch ? (
          <>
            Topics of launch{' '}
            <Link className="underline" href={`/launches/${fromLaunch.id}`}>
              {fromLaunch.stackName}
            </Link>{' '}
            in {where}.{' '}
            <Link className="underline" href="/audit">
              All topics
            </Link>
          </>
        ) : (
          <>
            {total} of {scanned} topics in {where} have a data protection policy. Switch target or region at the top of the page.
          </>
        )}
      </p>
      {topicArn && (
        <Alert tone="warn" className="mb-4">
          <span className="font-mono text-xs">{topicArn}</span> is not an SNS topic ARN.
        </Alert>
      )}
      {topics.length === 0 ? (
        <EmptyState title="No topic with a data protection policy here">
          Nothing in {where}.{' '}
          <Link href="/catalog/sns-message-data-protection" className="underline">
            Launch the clinic blueprint
          </Link>{' '}
          to see its policy and findings here, or try a policy in the{' '}
          <Link href="/audit/tester" className="underline">
            policy tester
          </Link>
          .
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full text-left text-sm" data-testid="sns-topic-table">
            <TableHead variant="panel" density="roomy" columns={[{ label: 'Topic' }, { label: 'Owner' }, { label: 'Policy' }]} />
            <tbody className="divide-y divide-slate-100">
              {topics.map((t) => (
                <tr key={t.arn} className="align-top hover:bg-slate-50">
                  <td className="max-w-md px-4 py-2.5">
                    {t.access.canRead ? (
                      <Link href={topicHref(t.arn)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {t.name}
                      </Link>
                    ) : (
                      <span className="font-medium text-slate-700">{t.name}</span>
                    )}
                    <span className="block truncate font-mono text-[11px] text-slate-500" title={t.arn}>
                      {t.arn}
                    </span>
                  </td>
                  <td className="px-4 py-2.5">
                    <OwnerBadge owner={t.owner} />
                  </td>
                  <td className="px-4 py-2.5">
                    {t.policy.status === 'attached' ? (
                      <span className="flex flex-wrap items-center gap-1">
                        <span className="font-mono text-xs">{t.policy.name}</span>
                        <Badge>{t.policy.statements} statements</Badge>
                        {t.policy.inbound > 0 && <Badge tone="info">{t.policy.inbound} inbound</Badge>}
                        {t.policy.outbound > 0 && <Badge tone="warn">{t.policy.outbound} outbound</Badge>}
                        {t.policy.audits && <Badge tone="info">audits</Badge>}
                        {t.policy.denies && <Badge tone="bad">denies</Badge>}
                      </span>
                    ) : (
                      <span className="text-xs text-amber-700">Could not read the policy: {t.policy.message}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pages of topics" className="mt-3 flex items-center gap-3 text-sm">
          {page > 1 ? (
            <Link className="underline" href={pageHref(page - 1)}>
              Previous
            </Link>
          ) : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link className="underline" href={pageHref(page + 1)}>
              Next
            </Link>
          ) : null}
        </nav>
      )}
    </>
  );
}
