import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePageActor } from '@/server/auth/session';
import { getExecutionDetail } from '@/server/sfn/execution-detail';
import { loadForPage } from '@/server/page-load';
import { decodeArnParam, isExpressExecutionArn, parseSfnArn, stateMachineArnOfExecution, stateMachineHref } from '@/lib/sfn/arn';
import { Alert } from '@/components/ui/alert';
import { PageProblem } from '@/components/ui/page-problem';
import { ExecutionView } from '../_components/execution-view';

export const metadata: Metadata = { title: 'Execution' };

export default async function ExecutionPage({ params }: { params: Promise<{ arn: string }> }) {
  const actor = await requirePageActor();
  const arn = decodeArnParam((await params).arn);
  const machineArn = stateMachineArnOfExecution(arn);
  // A path that is not an execution ARN is no page at all.
  if (!machineArn) notFound();
  if (isExpressExecutionArn(arn)) {
    return (
      <Alert tone="info" title="Express executions keep no execution history">
        Step Functions records Express executions only in CloudWatch Logs.{' '}
        <Link href={stateMachineHref(machineArn)} className="underline">
          Open the state machine to read them
        </Link>
        .
      </Alert>
    );
  }
  const loaded = await loadForPage(() => getExecutionDetail(actor, arn));
  if (!loaded.ok) {
    return (
      <>
        <h1 className="mb-4 break-all text-xl font-semibold">{parseSfnArn(arn)?.executionName ?? 'Execution'}</h1>
        <PageProblem problem={loaded.problem} back={{ href: stateMachineHref(machineArn), label: 'Back to the state machine' }} />
      </>
    );
  }
  return <ExecutionView initial={loaded.data} />;
}
