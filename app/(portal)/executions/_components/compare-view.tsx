'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { compareExecutionDetails } from '@/lib/sfn/compare-details';
import { executionHref, stateMachineHref } from '@/lib/sfn/arn';
import { formatDateTime } from '@/lib/date-time';
import { formatDelta, formatDuration } from '@/lib/sfn/format';
import { STATE_STATUS_STYLE } from '@/lib/sfn/status-style';
import type { ExecutionDetailDto } from '@/lib/sfn/dto';
import type { StateStatus } from '@/lib/sfn/history-types';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { cn } from '@/components/ui/cn';
import { ExecutionGraph } from './execution-graph';
import { ExecutionStatusBadge } from './execution-status-badge';
import { GraphLegend } from './graph-legend';
import { TableHead } from '@/components/ui/table-head';

function StatusCell({ status }: { status: StateStatus }) {
  const style = STATE_STATUS_STYLE[status];
  return (
    <span className="inline-flex items-center gap-1.5" data-status={status}>
      <span className="inline-block h-2.5 w-2.5 rounded-sm border" style={{ background: style.fill, borderColor: style.stroke }} aria-hidden />
      {style.label}
    </span>
  );
}

function PathList({ path, other, names }: { path: string[]; other: string[]; names: Map<string, string> }) {
  return (
    <ol className="space-y-0.5 text-xs">
      {path.map((nodeId, i) => (
        <li key={`${nodeId}-${i}`} className={cn('rounded px-1.5 py-0.5', other[i] !== nodeId ? 'bg-amber-100 font-medium text-amber-950' : 'text-slate-700')}>
          {i + 1}. {names.get(nodeId) ?? nodeId}
        </li>
      ))}
    </ol>
  );
}

/** Two executions of one state machine side by side: paths, where they diverged, per-state time differences. */
export function CompareView({ a, b }: { a: ExecutionDetailDto; b: ExecutionDetailDto }) {
  const comparison = useMemo(() => compareExecutionDetails(a, b), [a, b]);
  const names = useMemo(() => new Map([...a.states, ...b.states].map((s) => [s.nodeId, s.name])), [a, b]);
  const rows = comparison.states.filter((s) => s.presence !== 'neither');
  const durationDelta = comparison.durationMsA !== undefined && comparison.durationMsB !== undefined ? comparison.durationMsB - comparison.durationMsA : null;

  return (
    <div className="space-y-6" data-testid="compare-view">
      <header>
        <Breadcrumbs
          className="mb-0"
          items={[
            { label: 'State machines', href: '/executions' },
            { label: a.stateMachineName, href: stateMachineHref(a.stateMachineArn) },
          ]}
        />
        <h1 className="mt-1 text-2xl font-semibold">Compare executions</h1>
        <ul className="mt-3 space-y-1 text-sm text-slate-700" data-testid="compare-summary">
          <li>
            {durationDelta === null
              ? 'One of them is still running.'
              : durationDelta === 0
                ? 'Both took the same time.'
                : `B took ${formatDuration(Math.abs(durationDelta))} ${durationDelta > 0 ? 'longer' : 'less'} than A (${formatDuration(comparison.durationMsB)} vs ${formatDuration(comparison.durationMsA)}).`}
          </li>
          <li>
            {comparison.firstDivergence
              ? `They went different ways at step ${comparison.firstDivergence.index + 1}: A to ${names.get(comparison.firstDivergence.a ?? '') ?? 'the end'}, B to ${names.get(comparison.firstDivergence.b ?? '') ?? 'the end'}.`
              : 'They took the same path through the top level.'}
          </li>
          {comparison.onlyInA.length > 0 && <li>Only A ran: {comparison.onlyInA.map((id) => names.get(id) ?? id).join(', ')}.</li>}
          {comparison.onlyInB.length > 0 && <li>Only B ran: {comparison.onlyInB.map((id) => names.get(id) ?? id).join(', ')}.</li>}
          {comparison.visitCountChanged.length > 0 && (
            <li>Ran a different number of times: {comparison.visitCountChanged.map((id) => names.get(id) ?? id).join(', ')}.</li>
          )}
        </ul>
      </header>

      <GraphLegend />
      <div className="grid gap-4 xl:grid-cols-2">
        {[['A', a, comparison.pathA, comparison.pathB] as const, ['B', b, comparison.pathB, comparison.pathA] as const].map(
          ([label, execution, path, otherPath]) => (
            <section key={label} className="space-y-2 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200" aria-label={`Execution ${label}`}>
              <h2 className="flex flex-wrap items-center gap-2 text-sm font-semibold">
                <span className="rounded bg-slate-800 px-1.5 text-white">{label}</span>
                <Link href={executionHref(execution.executionArn)} className="text-brand-700 underline">
                  {execution.name}
                </Link>
                <ExecutionStatusBadge status={execution.status} />
                <span className="text-xs font-normal text-slate-500">
                  {formatDateTime(execution.startDate, 'second')} · {formatDuration(execution.durationMs)}
                </span>
              </h2>
              <ExecutionGraph graph={execution.graph} selectedNodeId={null} height={420} showLegend={false} fit />
              <details>
                <summary className="cursor-pointer text-xs font-medium text-slate-700">Top-level path ({path.length} states; differences highlighted)</summary>
                <div className="mt-2">
                  <PathList path={path} other={otherPath} names={names} />
                </div>
              </details>
            </section>
          ),
        )}
      </div>

      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full text-left text-xs" data-testid="compare-table">
          <TableHead
            variant="panel"
            columns={[
              { label: 'State' },
              { label: 'A' },
              { label: 'B' },
              { label: 'Visits A / B', numeric: true },
              { label: 'Time A', numeric: true },
              { label: 'Time B', numeric: true },
              { label: 'Difference', numeric: true },
            ]}
          />
          <tbody className="divide-y divide-slate-100">
            {rows.map((s) => (
              <tr key={s.nodeId} className={cn(s.presence !== 'both' && 'bg-amber-50')}>
                <td className="px-3 py-1.5 font-medium text-slate-800">{s.name}</td>
                <td className="px-3 py-1.5">
                  <StatusCell status={s.statusA} />
                </td>
                <td className="px-3 py-1.5">
                  <StatusCell status={s.statusB} />
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">
                  {s.visitsA} / {s.visitsB}
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">{s.visitsA ? formatDuration(s.totalMsA) : '—'}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{s.visitsB ? formatDuration(s.totalMsB) : '—'}</td>
                <td
                  className={cn('px-3 py-1.5 text-right tabular-nums', s.deltaMs > 0 ? 'text-red-700' : s.deltaMs < 0 ? 'text-emerald-700' : 'text-slate-500')}
                >
                  {s.presence === 'both' ? formatDelta(s.deltaMs) : s.presence === 'onlyA' ? 'only A' : 'only B'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
