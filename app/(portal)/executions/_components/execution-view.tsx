'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import { buildAslGraph } from '@/lib/sfn/asl-graph';
import { executionApiPath, stateMachineHref } from '@/lib/sfn/arn';
import { formatDateTime } from '@/lib/date-time';
import { formatDuration } from '@/lib/sfn/format';
import type { ExecutionDetailDto } from '@/lib/sfn/dto';
import { Alert } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { cn } from '@/components/ui/cn';
import { OwnerBadge } from '@/components/tenancy/owner-badge';
import { ErrorBanner } from './error-banner';
import { EventTable } from './event-table';
import { ExecutionGraph, type FocusRequest } from './execution-graph';
import { ExecutionStatusBadge } from './execution-status-badge';
import { JsonViewer } from './json-viewer';
import { StatesTable } from './states-table';
import { StepPanel } from './step-panel';
import { StopExecutionButton } from './stop-execution-button';
import { TimelineChart } from './timeline-chart';

const TABS = [
  { id: 'graph', label: 'Graph' },
  { id: 'states', label: 'States' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'events', label: 'Events' },
  { id: 'io', label: 'Execution input & output' },
] as const;
type TabId = (typeof TABS)[number]['id'];

const isTabId = (value: string | null): value is TabId => TABS.some((t) => t.id === value);

/**
 * The open tab lives in the URL (`?tab=events`; the graph, the default, has none), so a view can be
 * linked to and Back returns to the previous tab. The native history API updates the URL without
 * asking the server for the page again; Next.js keeps useSearchParams in step with it.
 */
function useTabInUrl(): [TabId, (tab: TabId) => void] {
  const params = useSearchParams();
  const requested = params.get('tab');
  const tab = isTabId(requested) ? requested : 'graph';
  const setTab = (next: TabId) => {
    if (next === tab) return;
    const query = new URLSearchParams(window.location.search);
    if (next === 'graph') query.delete('tab');
    else query.set('tab', next);
    window.history.pushState(null, '', `${window.location.pathname}${query.size ? `?${query}` : ''}${window.location.hash}`);
  };
  return [tab, setTab];
}

/** Time since start, ticking while the execution runs. */
function useElapsed(startDate: string, stopDate: string | null): number {
  // Starts at the start date so the server and the first browser render agree; ticks after mount.
  const [now, setNow] = useState(() => Date.parse(startDate));
  useEffect(() => {
    if (stopDate) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [stopDate]);
  return Math.max(0, (stopDate ? Date.parse(stopDate) : now) - Date.parse(startDate));
}

/** The execution page: header, error banner, graph + step panel, states, timeline, events, I/O. Polls while running. */
export function ExecutionView({ initial }: { initial: ExecutionDetailDto }) {
  const queryClient = useQueryClient();
  const { data: detail, error } = useQuery({
    queryKey: ['sfn-execution', initial.executionArn],
    queryFn: () => fetchJson<ExecutionDetailDto>(executionApiPath(initial.executionArn)),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.status === 'RUNNING' ? 2000 : false),
  });
  const aslGraph = useMemo(() => buildAslGraph(detail.definition), [detail.definition]);
  const stateById = useMemo(() => new Map(detail.states.map((s) => [s.nodeId, s])), [detail.states]);
  const [tab, setTab] = useTabInUrl();
  const [selected, setSelected] = useState<{ nodeId: string; visitIndex: number } | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [eventStateFilter, setEventStateFilter] = useState('');
  const elapsed = useElapsed(detail.startDate, detail.stopDate);

  const select = (nodeId: string, visitId?: number) => {
    const state = stateById.get(nodeId);
    if (!state) return;
    const index = visitId !== undefined ? state.visits.findIndex((v) => v.id === visitId) : state.visits.length - 1;
    setSelected({ nodeId, visitIndex: Math.max(0, index) });
  };
  const showState = (nodeId: string, visitId?: number) => {
    select(nodeId, visitId);
    setTab('graph');
    setFocus({ nodeId, nonce: Date.now() });
  };
  const selectedState = selected ? stateById.get(selected.nodeId) : undefined;
  const subtitle = `${detail.stateMachineName} · ${detail.status} · ${formatDateTime(detail.startDate, 'second')} · ${formatDuration(detail.durationMs ?? elapsed)}`;

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <Breadcrumbs
            className="mb-0"
            items={[
              { label: 'State machines', href: '/executions' },
              { label: detail.stateMachineName, href: stateMachineHref(detail.stateMachineArn) },
            ]}
          />
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold">
            <span className="break-all">{detail.name}</span> <ExecutionStatusBadge status={detail.status} />
          </h1>
          <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600">
            <div>
              <dt className="inline text-slate-500">Started </dt>
              <dd className="inline font-mono">{formatDateTime(detail.startDate, 'millisecond')}</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">{detail.stopDate ? 'Ended ' : 'Running for '}</dt>
              <dd className="inline font-mono">{detail.stopDate ? formatDateTime(detail.stopDate, 'millisecond') : formatDuration(elapsed)}</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">Duration </dt>
              <dd className="inline" data-testid="execution-duration">
                {detail.durationMs !== null ? formatDuration(detail.durationMs) : '—'}
              </dd>
            </div>
            <div>
              <dt className="inline text-slate-500">Events </dt>
              <dd className="inline">{detail.eventCount.toLocaleString()}</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">Target </dt>
              <dd className="inline">
                {detail.target.isSandbox ? 'Sandbox' : detail.target.name} · {detail.target.region}
              </dd>
            </div>
            <div className="flex items-center gap-1">
              <dt className="inline text-slate-500">Owner </dt>
              <dd className="inline">
                <OwnerBadge owner={detail.owner} />
              </dd>
            </div>
          </dl>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {detail.canStop && (
            <StopExecutionButton
              executionArn={detail.executionArn}
              executionName={detail.name}
              onStopped={() => void queryClient.invalidateQueries({ queryKey: ['sfn-execution', detail.executionArn] })}
            />
          )}
          <Link
            href={`${stateMachineHref(detail.stateMachineArn)}?compare=${encodeURIComponent(detail.executionArn)}`}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Compare with…
          </Link>
        </div>
      </header>

      {detail.banner && <ErrorBanner banner={detail.banner} onShowState={showState} />}
      {error && <Alert tone="warn">Could not refresh: {(error as Error).message}</Alert>}
      {detail.historyTruncated && <Alert tone="warn">This execution has more than 25,000 history events; the views show the first 25,000.</Alert>}

      <div role="tablist" aria-label="Execution views" className="flex flex-wrap gap-1 border-b border-slate-200">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm',
              tab === t.id ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900',
            )}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'graph' && (
          <div className={cn('grid items-start gap-4', selectedState ? 'grid-cols-[minmax(0,1fr)_400px] 2xl:grid-cols-[minmax(0,1fr)_460px]' : 'grid-cols-1')}>
            <ExecutionGraph
              graph={detail.graph}
              selectedNodeId={selected?.nodeId ?? null}
              onSelect={(nodeId) => select(nodeId)}
              focus={focus}
              height={640}
              exportName={detail.name}
              exportSubtitle={subtitle}
            />
            {selectedState && selected && (
              <StepPanel
                key={selectedState.nodeId}
                detail={detail}
                aslGraph={aslGraph}
                state={selectedState}
                visitIndex={Math.min(selected.visitIndex, selectedState.visits.length - 1)}
                onVisitChange={(visitIndex) => setSelected({ nodeId: selectedState.nodeId, visitIndex })}
                onClose={() => setSelected(null)}
                onShowEvents={(stateName) => {
                  setEventStateFilter(stateName);
                  setTab('events');
                }}
              />
            )}
            {!selectedState && (
              <p className="text-xs text-slate-500">
                Select a state (click, or Tab to it and press Enter) to see its input, output, data flow, retries and errors.
              </p>
            )}
          </div>
        )}
        {tab === 'states' && <StatesTable states={detail.states} onSelect={(nodeId) => showState(nodeId)} />}
        {tab === 'timeline' && (
          <TimelineChart
            rows={detail.timeline}
            totalMs={detail.durationMs ?? elapsed}
            selectedVisitId={selectedState && selected ? (selectedState.visits[selected.visitIndex]?.id ?? null) : null}
            onSelect={(nodeId, visitId) => showState(nodeId, visitId)}
          />
        )}
        {tab === 'events' && (
          <EventTable
            executionArn={detail.executionArn}
            eventCount={detail.eventCount}
            stateFilter={eventStateFilter}
            onStateFilterChange={setEventStateFilter}
            onSelectState={(nodeId) => showState(nodeId)}
          />
        )}
        {tab === 'io' && (
          <div className="grid gap-4 lg:grid-cols-2">
            <JsonViewer text={detail.input} label="Execution input" openDepth={3} testId="execution-input" />
            {detail.output !== null ? (
              <JsonViewer text={detail.output} label="Execution output" openDepth={3} testId="execution-output" />
            ) : detail.error || detail.cause ? (
              <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-950">
                <p className="font-semibold">{detail.error ?? 'Error'}</p>
                {detail.cause && <p className="mt-1 whitespace-pre-wrap break-words text-xs">{detail.cause}</p>}
              </div>
            ) : (
              <p className="text-sm text-slate-500">{detail.status === 'RUNNING' ? 'No output yet: the execution is running.' : 'No output.'}</p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
