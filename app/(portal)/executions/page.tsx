import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePageActor } from '@/server/auth/session';
import { listStateMachinesWithActivity } from '@/server/sfn/state-machines';
import { loadForPage } from '@/server/page-load';
import { parseSfnArn, stateMachineHref } from '@/lib/sfn/arn';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { PageProblem } from '@/components/ui/page-problem';
import { RefreshButton } from './_components/refresh-button';
import { StateMachineTable } from './_components/state-machine-table';

export const metadata: Metadata = { title: 'Step Functions executions' };

type SearchParams = Promise<{ stateMachineArn?: string | string[]; launch?: string | string[] }>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export default async function ExecutionsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const query = await searchParams;
  // A launch's dashboard link names one state machine: open it.
  const stateMachineArn = first(query.stateMachineArn);
  if (stateMachineArn && parseSfnArn(stateMachineArn)?.kind === 'stateMachine') redirect(stateMachineHref(stateMachineArn));
  const launch = first(query.launch);
  const loaded = await loadForPage(() => listStateMachinesWithActivity(actor, { launch }));

  if (!loaded.ok) {
    return (
      <>
        <PageHeader title="Step Functions executions" />
        <PageProblem problem={loaded.problem} back={{ href: '/executions', label: 'Try again' }} />
      </>
    );
  }
  const { target, stateMachines, launch: fromLaunch } = loaded.data;
  const where = `${target.isSandbox ? 'the sandbox' : target.name} (${target.accountId}) in ${target.region}`;
  return (
    <>
      <PageHeader
        title={fromLaunch ? `State machines of ${fromLaunch.stackName}` : 'Step Functions executions'}
        description={
          fromLaunch ? (
            <>
              The state machines this launch&apos;s outputs name, in {where}.{' '}
              <Link href={`/launches/${fromLaunch.id}`} className="underline">
                Back to the launch
              </Link>{' '}
              ·{' '}
              <Link href="/executions" className="underline">
                All state machines
              </Link>
            </>
          ) : (
            <>State machines in {where}, with what their newest executions did. Switch target or region at the top of the page.</>
          )
        }
        actions={<RefreshButton />}
      />
      {stateMachineArn && (
        <Alert tone="warn" className="mb-4">
          <span className="font-mono text-xs">{stateMachineArn}</span> is not a state machine ARN.
        </Alert>
      )}
      {fromLaunch && fromLaunch.missingArns.length > 0 && (
        <Alert tone="warn" className="mb-4" title="Some state machines of this launch no longer exist">
          {fromLaunch.missingArns.map((arn) => (
            <span key={arn} className="block font-mono text-xs">
              {arn}
            </span>
          ))}
        </Alert>
      )}
      <StateMachineTable
        machines={stateMachines}
        emptyHint={
          <>
            Nothing in {where}.{' '}
            <Link href="/catalog?dashboard=stepfunctions" className="underline">
              Launch a blueprint with a state machine
            </Link>{' '}
            to watch its executions here.
          </>
        }
      />
    </>
  );
}
