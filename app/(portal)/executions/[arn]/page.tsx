import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/server/auth/session';
import { getExecutionDetail } from '@/server/sfn/execution-detail';
import { loadForPage } from '@/server/sfn/page-load';
import { decodeArnParam, isExpressExecutionArn, parseSfnArn, stateMachineArnOfExecution, stateMachineHref } from '@/lib/sfn/arn';
import { Alert } from '@/components/ui/alert';
import { AwsProblem } from '../_components/aws-problem';
import { ExecutionView } from '../_components/execution-view';

export const metadata: Metadata = { title: 'Execution' };

export default async function ExecutionPage({ params }: { params: Promise<{ arn: string }> }) {
  const actor = await requirePageActor();
  const arn = decodeArnParam((await params).arn);
  const machineArn = stateMachineArnOfExecution(arn);
  if (isExpressExecutionArn(arn) && machineArn) {
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
        <AwsProblem problem={loaded.problem} {...(machineArn ? { backHref: stateMachineHref(machineArn), backLabel: 'Back to the state machine' } : {})} />
      </>
    );
  }
  return <ExecutionView initial={loaded.data} />;
}
