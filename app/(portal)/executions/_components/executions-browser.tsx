'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import { compareHref, executionHref } from '@/lib/sfn/arn';
import { formatDateTime } from '@/lib/date-time';
import { formatDuration } from '@/lib/sfn/format';
import { EXECUTION_STATUSES } from '@/lib/schemas/sfn';
import type { ExecutionListDto, ExecutionStatusName } from '@/lib/sfn/dto';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Select, TextInput } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { ExecutionStatusBadge } from './execution-status-badge';
import { StopExecutionButton } from './stop-execution-button';
import { TableHead } from '@/components/ui/table-head';

const PAGE_SIZE = 25;
const RANGES = [
  { id: 'any', label: 'Any time', ms: 0 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { id: 'custom', label: 'Custom range…', ms: 0 },
] as const;
type RangeId = (typeof RANGES)[number]['id'];

export interface ExecutionFiltersState {
  status: ExecutionStatusName | '';
  range: RangeId;
  /** `datetime-local` values (UTC) for the custom range. */
  from: string;
  to: string;
  name: string;
}

const noFilters: ExecutionFiltersState = { status: '', range: 'any', from: '', to: '', name: '' };

/** The query string for the list API (startedAfter computed when the filters change, not on every poll). */
function toQuery(stateMachineArn: string, filters: ExecutionFiltersState, rangeStart: string | null, token: string | undefined): string {
  const qs = new URLSearchParams({ stateMachineArn, maxResults: String(PAGE_SIZE) });
  if (filters.status) qs.set('status', filters.status);
  if (filters.name.trim()) qs.set('nameContains', filters.name.trim());
  if (filters.range === 'custom') {
    if (filters.from) qs.set('startedAfter', `${filters.from}:00Z`);
    if (filters.to) qs.set('startedBefore', `${filters.to}:59Z`);
  } else if (rangeStart) qs.set('startedAfter', rangeStart);
  if (token) qs.set('nextToken', token);
  return qs.toString();
}

/** Executions of one state machine: filters, pages, self-refreshing running rows, Stop, pick two to compare. */
export function ExecutionsBrowser({
  stateMachineArn,
  initial,
  canStop,
  preselected,
}: {
  stateMachineArn: string;
  initial: ExecutionListDto;
  canStop: boolean;
  preselected?: string;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<ExecutionFiltersState>(noFilters);
  const [nameDraft, setNameDraft] = useState('');
  const [rangeStart, setRangeStart] = useState<string | null>(null);
  // Tokens of the pages visited so far: index 0 is the first page.
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [pageIndex, setPageIndex] = useState(0);
  const [selected, setSelected] = useState<string[]>(preselected ? [preselected] : []);

  // Any filter change starts again from the newest page.
  const changeFilters = (update: (f: ExecutionFiltersState) => ExecutionFiltersState) => {
    setFilters(update);
    setTokens([undefined]);
    setPageIndex(0);
  };
  // Name search waits for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (filters.name !== nameDraft) changeFilters((f) => ({ ...f, name: nameDraft }));
    }, 350);
    return () => clearTimeout(timer);
  }, [nameDraft, filters.name]);

  const isUnfiltered = !filters.status && filters.range === 'any' && !filters.name.trim();
  const qs = toQuery(stateMachineArn, filters, rangeStart, tokens[pageIndex]);
  const { data, error, isFetching } = useQuery({
    queryKey: ['sfn-executions', qs],
    queryFn: () => fetchJson<ExecutionListDto>(`/api/v1/stepfunctions/executions?${qs}`),
    initialData: isUnfiltered && pageIndex === 0 ? initial : undefined,
    placeholderData: keepPreviousData,
    // Running executions refresh themselves.
    refetchInterval: (q) => (q.state.data?.executions.some((e) => e.status === 'RUNNING') ? 3000 : false),
  });

  const setFilter = <K extends keyof ExecutionFiltersState>(key: K, value: ExecutionFiltersState[K]) => changeFilters((f) => ({ ...f, [key]: value }));
  const chooseRange = (range: RangeId) => {
    const preset = RANGES.find((r) => r.id === range);
    setRangeStart(preset && preset.ms ? new Date(Date.now() - preset.ms).toISOString() : null);
    setFilter('range', range);
  };
  const toggle = (arn: string) => setSelected((s) => (s.includes(arn) ? s.filter((x) => x !== arn) : [...s.slice(-1), arn]));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['sfn-executions'] });
  const executions = data?.executions ?? [];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter executions">
        <label className="text-xs text-slate-600">
          Status
          <Select value={filters.status} onChange={(e) => setFilter('status', e.target.value as ExecutionStatusName | '')} className="w-40">
            <option value="">Any</option>
            {EXECUTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.charAt(0) + s.slice(1).toLowerCase().replace('_', ' ')}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-xs text-slate-600">
          Started
          <Select value={filters.range} onChange={(e) => chooseRange(e.target.value as RangeId)} className="w-44">
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </Select>
        </label>
        {filters.range === 'custom' && (
          <>
            <label className="text-xs text-slate-600">
              From (UTC)
              <TextInput type="datetime-local" value={filters.from} onChange={(e) => setFilter('from', e.target.value)} className="w-52" />
            </label>
            <label className="text-xs text-slate-600">
              To (UTC)
              <TextInput type="datetime-local" value={filters.to} onChange={(e) => setFilter('to', e.target.value)} className="w-52" />
            </label>
          </>
        )}
        <label className="text-xs text-slate-600">
          Name contains
          <TextInput type="search" value={nameDraft} onChange={(e) => setNameDraft(e.target.value)} placeholder="e.g. nightly" className="w-52" />
        </label>
        {!isUnfiltered && (
          <Button
            variant="ghost"
            onClick={() => {
              changeFilters(() => noFilters);
              setNameDraft('');
              setRangeStart(null);
            }}
          >
            Clear filters
          </Button>
        )}
        <div className="ml-auto flex items-center gap-2">
          {isFetching && <Spinner label="Updating" />}
          <Button variant="secondary" onClick={refresh}>
            Refresh
          </Button>
          <Button
            variant="secondary"
            disabled={selected.length !== 2}
            onClick={() => router.push(compareHref(selected[0]!, selected[1]!))}
            title="Tick two executions to compare them"
          >
            Compare {selected.length}/2
          </Button>
        </div>
      </div>

      {error && <Alert tone="error">{(error as Error).message}</Alert>}
      {data?.scanLimited && (
        <Alert tone="info">
          Searched {data.scanned.toLocaleString()} executions for this page; <strong>Older</strong> searches further.
        </Alert>
      )}

      {!data && !error ? (
        <Spinner />
      ) : executions.length === 0 ? (
        <EmptyState title={isUnfiltered ? 'No executions yet' : 'No execution matches these filters'}>
          {isUnfiltered ? 'Start one with the form above, or let its event source start it.' : 'Change or clear the filters.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full text-left text-sm" data-testid="executions-table">
            <TableHead
              variant="panel"
              columns={[
                { label: 'Compare', srOnly: true, className: 'w-10' },
                { label: 'Name' },
                { label: 'Status' },
                { label: 'Started' },
                { label: 'Ended' },
                { label: 'Duration', numeric: true },
                { label: 'Actions', srOnly: true },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {executions.map((e) => (
                <tr key={e.executionArn} className="hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      checked={selected.includes(e.executionArn)}
                      onChange={() => toggle(e.executionArn)}
                      aria-label={`Select ${e.name} to compare`}
                    />
                  </td>
                  <td className="max-w-xs truncate px-3 py-2">
                    <Link href={executionHref(e.executionArn)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {e.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <ExecutionStatusBadge status={e.status} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-600">{formatDateTime(e.startedAt, 'second')}</td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-600">{e.stoppedAt ? formatDateTime(e.stoppedAt, 'second') : '—'}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right text-xs tabular-nums text-slate-700">
                    {e.status === 'RUNNING' ? 'running' : formatDuration(e.durationMs)}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {canStop && e.status === 'RUNNING' && (
                      <StopExecutionButton size="sm" executionArn={e.executionArn} executionName={e.name} onStopped={refresh} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav className="flex items-center justify-between text-sm" aria-label="Pages of executions">
        <Button variant="secondary" disabled={pageIndex === 0} onClick={() => setPageIndex((i) => i - 1)}>
          ← Newer
        </Button>
        <span className="text-xs text-slate-500">Page {pageIndex + 1}</span>
        <Button
          variant="secondary"
          disabled={!data?.nextToken}
          onClick={() => {
            const next = data?.nextToken ?? undefined;
            setTokens((t) => [...t.slice(0, pageIndex + 1), next]);
            setPageIndex((i) => i + 1);
          }}
        >
          Older →
        </Button>
      </nav>
    </div>
  );
}
