import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePageActor } from '@/server/auth/session';
import { getStateMachinePage } from '@/server/sfn/state-machines';
import { listExecutions } from '@/server/sfn/executions';
import { getExpressLogs } from '@/server/sfn/express-logs';
import { getDefinitionGraph } from '@/server/sfn/layout';
import { loadForPage } from '@/server/page-load';
import { decodeArnParam, parseSfnArn } from '@/lib/sfn/arn';
import { formatDateTime } from '@/lib/date-time';
import { Badge } from '@/components/ui/badge';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Card } from '@/components/ui/card';
import { PageProblem } from '@/components/ui/page-problem';
import { OwnerBadge } from '@/components/tenancy/owner-badge';
import { ExecutionGraph } from '../../_components/execution-graph';
import { ExecutionsBrowser } from '../../_components/executions-browser';
import { ExpressLogsPanel } from '../../_components/express-logs-panel';
import { JsonViewer } from '../../_components/json-viewer';
import { StartExecutionPanel } from '../../_components/start-execution-panel';

export const metadata: Metadata = { title: 'State machine' };

type Params = Promise<{ arn: string }>;
type SearchParams = Promise<{ compare?: string | string[]; start?: string | string[] }>;

export default async function StateMachinePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const arn = decodeArnParam((await params).arn);
  // A path that is not a state machine ARN is no page at all.
  if (parseSfnArn(arn)?.kind !== 'stateMachine') notFound();
  const query = await searchParams;
  const compare = Array.isArray(query.compare) ? query.compare[0] : query.compare;
  const loaded = await loadForPage(async () => {
    const page = await getStateMachinePage(actor, arn);
    const isExpress = page.stateMachine.type === 'EXPRESS';
    const [executions, logs, graph] = await Promise.all([
      isExpress ? null : listExecutions(actor, { stateMachineArn: arn, maxResults: 25 }),
      isExpress ? getExpressLogs(actor, arn, {}) : null,
      // A definition the graph cannot be drawn from still has its text below.
      getDefinitionGraph(page.stateMachine.definition).catch((err: Error) => ({ problem: err.message })),
    ]);
    return { ...page, executions, logs, graph };
  });
  const name = parseSfnArn(arn)?.stateMachineName ?? arn;
  if (!loaded.ok) {
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">{name}</h1>
        <PageProblem problem={loaded.problem} back={{ href: '/executions', label: 'Back to state machines' }} />
      </>
    );
  }
  const { stateMachine: sm, canStart, recentInputs, executions, logs, graph } = loaded.data;
  const isExpress = sm.type === 'EXPRESS';
  return (
    <div className="space-y-6">
      <header>
        <Breadcrumbs
          className="mb-0"
          items={[{ label: 'State machines', href: '/executions' }, { label: `${sm.target.isSandbox ? 'Sandbox' : sm.target.name} · ${sm.target.region}` }]}
        />
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold">
          {sm.name} <Badge tone={isExpress ? 'info' : 'neutral'}>{isExpress ? 'Express' : 'Standard'}</Badge>
          {sm.status !== 'ACTIVE' && <Badge tone="warn">{sm.status}</Badge>}
        </h1>
        <p className="mt-1 break-all font-mono text-xs text-slate-500">{sm.arn}</p>
        <p className="mt-1 flex items-center gap-2 text-xs text-slate-500">
          Owner <OwnerBadge owner={sm.owner} />
        </p>
        <p className="mt-1 text-xs text-slate-500">
          Created {formatDateTime(sm.createdAt)} · role <span className="font-mono">{sm.roleArn.split('/').pop()}</span> · logging{' '}
          {sm.logging.level.toLowerCase()}
        </p>
      </header>

      {canStart ? (
        <StartExecutionPanel
          stateMachineArn={sm.arn}
          isExpress={isExpress}
          recentInputs={recentInputs}
          initiallyOpen={executions?.executions.length === 0 || query.start !== undefined}
        />
      ) : (
        <p className="text-sm text-slate-600">
          Starting and stopping executions needs the developer role in the team that owns this state machine; you can watch them here.
        </p>
      )}

      {executions && (
        <Card title="Executions">
          <ExecutionsBrowser stateMachineArn={sm.arn} initial={executions} canStop={canStart} preselected={compare} />
        </Card>
      )}
      {logs && (
        <Card title="Executions in CloudWatch Logs">
          <ExpressLogsPanel stateMachineArn={sm.arn} initial={logs} />
        </Card>
      )}
      <Card title="Workflow">
        {'problem' in graph ? (
          <p className="text-sm text-amber-700">{graph.problem}</p>
        ) : (
          <ExecutionGraph
            graph={graph}
            selectedNodeId={null}
            height={520}
            showLegend={false}
            withStatuses={false}
            exportName={sm.name}
            exportSubtitle={sm.arn}
          />
        )}
      </Card>
      <details className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <summary className="cursor-pointer text-sm font-semibold text-slate-800">Definition</summary>
        <JsonViewer text={sm.definition} label="Amazon States Language" openDepth={3} className="mt-3" />
      </details>
    </div>
  );
}
