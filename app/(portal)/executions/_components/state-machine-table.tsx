import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { executionHref, stateMachineHref } from '@/lib/sfn/arn';
import { formatDateTime } from '@/lib/date-time';
import { EXECUTION_STATUSES } from '@/lib/schemas/sfn';
import { executionStatusTone } from '@/lib/sfn/status-style';
import type { StateMachineSummaryDto } from '@/lib/sfn/dto';
import { OwnerBadge } from '@/components/tenancy/owner-badge';
import { ExecutionStatusBadge } from './execution-status-badge';
import { TableHead } from '@/components/ui/table-head';

function RecentCounts({ machine }: { machine: StateMachineSummaryDto }) {
  if (!machine.access.canRead) return <span className="text-xs text-slate-500">Only the owner&apos;s members see its executions</span>;
  if (machine.type === 'EXPRESS') return <span className="text-xs text-slate-500">No execution history (Express): see its logs</span>;
  if (!machine.recent) return <span className="text-xs text-amber-700">{machine.recentError ?? 'Could not be read'}</span>;
  if (machine.recent.sampled === 0) return <span className="text-xs text-slate-500">No executions yet</span>;
  return (
    <span className="flex flex-wrap items-center gap-1" aria-label="Recent executions by status">
      {EXECUTION_STATUSES.filter((s) => machine.recent?.counts[s]).map((status) => (
        <Badge key={status} tone={executionStatusTone(status)}>
          {machine.recent!.counts[status]} {status.toLowerCase().replace('_', ' ')}
        </Badge>
      ))}
      <span className="text-xs text-slate-500">of the {machine.recent.hasMore ? `newest ${machine.recent.sampled}` : machine.recent.sampled}</span>
    </span>
  );
}

export function StateMachineTable({ machines, emptyHint }: { machines: StateMachineSummaryDto[]; emptyHint: React.ReactNode }) {
  if (machines.length === 0) return <EmptyState title="No state machines here">{emptyHint}</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full text-left text-sm" data-testid="state-machine-table">
        <TableHead
          variant="panel"
          density="roomy"
          columns={[
            { label: 'State machine' },
            { label: 'Owner' },
            { label: 'Type' },
            { label: 'Created' },
            { label: 'Recent executions' },
            { label: 'Last failure' },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {machines.map((m) => (
            <tr key={m.arn} className="align-top hover:bg-slate-50">
              <td className="max-w-md px-4 py-2.5">
                {m.access.canRead ? (
                  <Link href={stateMachineHref(m.arn)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {m.name}
                  </Link>
                ) : (
                  <span className="font-medium text-slate-700">{m.name}</span>
                )}
                <span className="block truncate font-mono text-[11px] text-slate-500" title={m.arn}>
                  {m.arn}
                </span>
              </td>
              <td className="px-4 py-2.5">
                <OwnerBadge owner={m.owner} />
              </td>
              <td className="px-4 py-2.5">
                <Badge tone={m.type === 'EXPRESS' ? 'info' : 'neutral'}>{m.type === 'EXPRESS' ? 'Express' : 'Standard'}</Badge>
              </td>
              <td className="whitespace-nowrap px-4 py-2.5 text-xs text-slate-600">{formatDateTime(m.createdAt)}</td>
              <td className="px-4 py-2.5">
                <RecentCounts machine={m} />
              </td>
              <td className="px-4 py-2.5 text-xs">
                {m.recent?.lastFailure ? (
                  <span className="flex flex-col gap-0.5">
                    <Link href={executionHref(m.recent.lastFailure.executionArn)} className="font-medium text-brand-700 underline">
                      {m.recent.lastFailure.name}
                    </Link>
                    <span className="flex items-center gap-1 text-slate-500">
                      <ExecutionStatusBadge status={m.recent.lastFailure.status} />{' '}
                      {formatDateTime(m.recent.lastFailure.stoppedAt ?? m.recent.lastFailure.startedAt, 'second')}
                    </span>
                  </span>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
