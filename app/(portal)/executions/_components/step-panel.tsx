'use client';

import { useMemo, useState, type ReactNode } from 'react';
import { findStateDefinition, type AslGraph } from '@/lib/sfn/asl-graph';
import { formatDateTime } from '@/lib/date-time';
import { formatDuration } from '@/lib/sfn/format';
import { STATE_STATUS_STYLE } from '@/lib/sfn/status-style';
import { traceVisit } from '@/lib/sfn/visit-trace';
import type { ExecutionDetailDto, ExecutionStateDto } from '@/lib/sfn/dto';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import { DataFlowSteps } from './data-flow-steps';
import { JsonViewer } from './json-viewer';

function Section({ title, defaultOpen = true, children, testId }: { title: string; defaultOpen?: boolean; children: ReactNode; testId?: string }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <section className="border-t border-slate-100 py-2" data-testid={testId}>
      <h3>
        <button
          type="button"
          className="flex w-full items-center gap-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 hover:text-slate-900"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden>{open ? '▾' : '▸'}</span>
          {title}
        </button>
      </h3>
      {open && <div className="mt-2 space-y-2">{children}</div>}
    </section>
  );
}

function visitLabel(state: ExecutionStateDto, index: number): string {
  const visit = state.visits[index]!;
  const where = [
    visit.iterationIndex !== undefined ? `item ${visit.iterationIndex}` : null,
    visit.branchIndex !== undefined ? `branch ${visit.branchIndex + 1}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `Visit ${index + 1} of ${state.visits.length}${where ? ` · ${where}` : ''} · ${STATE_STATUS_STYLE[visit.status].label.toLowerCase()} · ${formatDuration(visit.durationMs)}`;
}

/** A state's details: status, visit selector, error and retries, input/output, data-flow replay, definition. */
export function StepPanel({
  detail,
  aslGraph,
  state,
  visitIndex,
  onVisitChange,
  onClose,
  onShowEvents,
}: {
  detail: ExecutionDetailDto;
  aslGraph: AslGraph;
  state: ExecutionStateDto;
  visitIndex: number;
  onVisitChange: (index: number) => void;
  onClose: () => void;
  onShowEvents: (stateName: string) => void;
}) {
  const visit = state.visits[Math.min(visitIndex, state.visits.length - 1)];
  const definition = useMemo(() => findStateDefinition(detail.definition, state.nodeId, aslGraph), [detail.definition, state.nodeId, aslGraph]);
  const trace = useMemo(
    () =>
      visit
        ? traceVisit(detail.definition, aslGraph, visit, {
            executionArn: detail.executionArn,
            name: detail.name,
            startDate: detail.startDate,
            ...(detail.input !== null ? { input: detail.input } : {}),
            ...(detail.roleArn ? { roleArn: detail.roleArn } : {}),
            stateMachineArn: detail.stateMachineArn,
          })
        : null,
    [detail, aslGraph, visit],
  );
  const style = STATE_STATUS_STYLE[visit?.status ?? state.status];

  return (
    <aside
      className="flex max-h-[calc(100vh-8rem)] flex-col overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
      aria-label={`Step ${state.name}`}
      data-testid="step-panel"
    >
      <header className="flex items-start justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0">
          <h2 className="truncate text-sm font-semibold text-slate-900" title={state.name}>
            {state.name}
          </h2>
          <p className="mt-0.5 flex items-center gap-1.5 text-xs text-slate-500">
            <Badge>{state.type}</Badge>
            <span
              className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-medium"
              style={{ background: style.fill, color: style.text }}
              data-testid="step-status"
            >
              {style.label}
            </span>
          </p>
        </div>
        <Button variant="ghost" className="px-2 py-1" onClick={onClose} aria-label="Close the step panel">
          ✕
        </Button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 pb-4">
        {state.visits.length > 1 && (
          <label className="mt-3 block text-xs text-slate-600">
            Visit ({state.visits.length} in this execution)
            <Select value={String(visitIndex)} onChange={(e) => onVisitChange(Number(e.target.value))} className="mt-1">
              {state.visits.map((v, i) => (
                <option key={v.id} value={i}>
                  {visitLabel(state, i)}
                </option>
              ))}
            </Select>
          </label>
        )}
        {!visit ? (
          <p className="py-4 text-sm text-slate-500">This state did not run in this execution.</p>
        ) : (
          <>
            <dl className="my-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
              <dt className="text-slate-500">Entered</dt>
              <dd className="font-mono">{formatDateTime(visit.enteredAt, 'millisecond')}</dd>
              <dt className="text-slate-500">Exited</dt>
              <dd className="font-mono">{visit.exitedAt ? formatDateTime(visit.exitedAt, 'millisecond') : '—'}</dd>
              <dt className="text-slate-500">Duration</dt>
              <dd data-testid="step-duration">
                {visit.exitedAt
                  ? formatDuration(visit.durationMs)
                  : visit.status === 'inProgress'
                    ? 'still running'
                    : detail.stopDate
                      ? `${formatDuration(Date.parse(detail.stopDate) - Date.parse(visit.enteredAt))} (until the execution ended)`
                      : '—'}
              </dd>
              {visit.resource && (
                <>
                  <dt className="text-slate-500">Resource</dt>
                  <dd className="break-all font-mono">{visit.resource}</dd>
                </>
              )}
              {visit.itemCount !== undefined && (
                <>
                  <dt className="text-slate-500">Items</dt>
                  <dd>{visit.itemCount}</dd>
                </>
              )}
              <dt className="text-slate-500">Events</dt>
              <dd>
                #{visit.firstEventId}–#{visit.lastEventId}{' '}
                <button type="button" className="text-brand-700 underline" onClick={() => onShowEvents(state.name)}>
                  show in the event table
                </button>
              </dd>
            </dl>
            {(visit.error || visit.cause) && (
              <div
                className={
                  visit.status === 'caughtError'
                    ? 'mb-3 rounded-md border border-orange-200 bg-orange-50 p-2.5 text-xs text-orange-950'
                    : 'mb-3 rounded-md border border-red-200 bg-red-50 p-2.5 text-xs text-red-950'
                }
                data-testid="step-error"
              >
                <p className="font-semibold">
                  {visit.status === 'caughtError' ? 'Caught: ' : 'Error: '}
                  {visit.error ?? 'unknown'}
                </p>
                {visit.cause && (
                  <p className="mt-1 max-h-28 overflow-y-auto whitespace-pre-wrap break-words">
                    {visit.cause.length > 4000 ? `${visit.cause.slice(0, 3999)}…` : visit.cause}
                  </p>
                )}
              </div>
            )}
            {visit.retries.length > 0 && (
              <Section title={`Retries (${visit.retries.length})`} testId="step-retries">
                <ol className="space-y-1 text-xs">
                  {visit.retries.map((r, i) => (
                    <li key={i} className="rounded border border-slate-200 p-2">
                      <span className="font-medium">Attempt {i + 1} failed</span> at {formatDateTime(r.at, 'millisecond')}: {r.error ?? 'error'}
                      {r.cause && <span className="block break-words text-slate-600">{r.cause.slice(0, 400)}</span>}
                      {r.retriedAt && <span className="block text-slate-500">retried after {formatDuration(Date.parse(r.retriedAt) - Date.parse(r.at))}</span>}
                    </li>
                  ))}
                </ol>
              </Section>
            )}
            <Section title="Input" testId="step-input">
              <JsonViewer text={visit.input ?? null} label={visit.inputTruncated ? 'Input (truncated)' : 'Input'} openDepth={4} />
            </Section>
            <Section title="Output" testId="step-output">
              <JsonViewer text={visit.output ?? null} label={visit.outputTruncated ? 'Output (truncated)' : 'Output'} openDepth={4} />
            </Section>
            <Section title="Input and output processing" testId="step-data-flow">
              {!trace ? null : !trace.ok ? (
                <p className="text-xs text-slate-500">{trace.reason}</p>
              ) : (
                <>
                  <DataFlowSteps trace={trace.value.trace} title={trace.value.caught ? 'What the state did until the error' : 'From input to output'} />
                  {trace.value.caught && <DataFlowSteps trace={trace.value.caught} title="How the Catch built the output" hideInput />}
                  {trace.value.matchesRecordedOutput === false && (
                    <p className="text-xs text-amber-700">
                      Replayed here, the output differs from the one recorded in the history (the replay follows the AWS documentation; the sandbox may differ).
                    </p>
                  )}
                </>
              )}
            </Section>
            {visit.parameters !== undefined && (
              <Section title="Task parameters sent" defaultOpen={false}>
                <JsonViewer text={visit.parameters} label="Parameters" />
              </Section>
            )}
            {visit.taskResult !== undefined && (
              <Section title="Raw result" defaultOpen={false}>
                <JsonViewer text={visit.taskResult} label="Result before ResultSelector/ResultPath" />
              </Section>
            )}
          </>
        )}
        {definition && (
          <Section title="State definition" defaultOpen={false}>
            <JsonViewer value={definition} label="Amazon States Language" openDepth={3} />
          </Section>
        )}
      </div>
    </aside>
  );
}
