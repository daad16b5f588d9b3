'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import { executionApiPath } from '@/lib/sfn/arn';
import { formatDateTime } from '@/lib/date-time';
import { formatDuration } from '@/lib/sfn/format';
import type { HistoryPageDto } from '@/lib/sfn/dto';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Select } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { JsonViewer } from './json-viewer';
import { TableHead } from '@/components/ui/table-head';

const PAGE_SIZE = 100;

function typeTone(type: string): string {
  if (/Failed|TimedOut|Aborted/.test(type)) return 'text-red-700';
  if (/Succeeded/.test(type)) return 'text-emerald-700';
  if (/Entered|Started|Scheduled/.test(type)) return 'text-slate-800';
  return 'text-slate-600';
}

/** The history as a table, a page of 100 at a time from the server (up to 25,000 events), filtered by type and state. */
export function EventTable({
  executionArn,
  eventCount,
  stateFilter,
  onStateFilterChange,
  onSelectState,
}: {
  executionArn: string;
  eventCount: number;
  stateFilter: string;
  onStateFilterChange: (state: string) => void;
  onSelectState: (nodeId: string) => void;
}) {
  const [type, setType] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const qs = new URLSearchParams({
    page: String(page),
    pageSize: String(PAGE_SIZE),
    ...(type ? { type } : {}),
    ...(stateFilter ? { state: stateFilter } : {}),
  });
  const { data, error, isFetching } = useQuery({
    // The event count is in the key: a running execution's table follows its history.
    queryKey: ['sfn-history', executionArn, eventCount, qs.toString()],
    queryFn: () => fetchJson<HistoryPageDto>(executionApiPath(executionArn, `/history?${qs}`)),
    placeholderData: keepPreviousData,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <div className="space-y-3" data-testid="event-table">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-xs text-slate-600">
          Event type
          <Select
            value={type}
            onChange={(e) => {
              setType(e.target.value);
              setPage(1);
            }}
            className="w-64"
          >
            <option value="">Any</option>
            {data?.types.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </label>
        <label className="text-xs text-slate-600">
          State
          <Select
            value={stateFilter}
            onChange={(e) => {
              onStateFilterChange(e.target.value);
              setPage(1);
            }}
            className="w-64"
          >
            <option value="">Any</option>
            {(data?.states ?? (stateFilter ? [stateFilter] : [])).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </label>
        <span className="ml-auto flex items-center gap-2 text-xs text-slate-500">
          {isFetching && <Spinner label="Loading" />}
          {data ? `${data.total.toLocaleString()} of ${eventCount.toLocaleString()} events` : null}
        </span>
      </div>
      {error && <Alert tone="error">{(error as Error).message}</Alert>}
      {!data && !error ? (
        <Spinner />
      ) : (
        data && (
          <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
            <table className="w-full text-left text-xs">
              <TableHead
                variant="panel"
                columns={[
                  { label: 'ID' },
                  { label: 'Type' },
                  { label: 'State' },
                  { label: 'Elapsed', numeric: true },
                  { label: 'Timestamp' },
                  { label: 'Details', srOnly: true },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {data.events.map((row) => (
                  <Fragment key={row.id}>
                    <tr className={cn('hover:bg-slate-50', open === row.id && 'bg-slate-50')}>
                      <td className="px-3 py-1.5 tabular-nums text-slate-500">{row.id}</td>
                      <td className={cn('px-3 py-1.5 font-medium', typeTone(row.type))}>{row.type}</td>
                      <td className="max-w-[16rem] truncate px-3 py-1.5">
                        {row.stateName && row.nodeId ? (
                          <button type="button" className="text-brand-700 underline-offset-2 hover:underline" onClick={() => onSelectState(row.nodeId!)}>
                            {row.stateName}
                          </button>
                        ) : (
                          <span className="text-slate-400">—</span>
                        )}
                      </td>
                      <td className="px-3 py-1.5 text-right tabular-nums text-slate-600">{formatDuration(row.elapsedMs)}</td>
                      <td className="whitespace-nowrap px-3 py-1.5 font-mono text-slate-500">{formatDateTime(row.timestamp, 'millisecond')}</td>
                      <td className="px-3 py-1.5 text-right">
                        {row.details && (
                          <Button
                            variant="ghost"
                            className="px-1.5 py-0.5 text-xs"
                            aria-expanded={open === row.id}
                            onClick={() => setOpen(open === row.id ? null : row.id)}
                          >
                            {open === row.id ? 'Hide' : 'Details'}
                          </Button>
                        )}
                      </td>
                    </tr>
                    {open === row.id && row.details && (
                      <tr>
                        <td colSpan={6} className="px-3 pb-3">
                          <JsonViewer text={row.details} label={`${row.type} details`} openDepth={2} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
                {data.events.length === 0 && (
                  <tr>
                    <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                      No event matches these filters.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        )
      )}
      <nav className="flex items-center justify-between" aria-label="Pages of events">
        <Button variant="secondary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
          ← Previous
        </Button>
        <span className="text-xs text-slate-500">
          Page {page} of {pages}
        </span>
        <Button variant="secondary" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
          Next →
        </Button>
      </nav>
    </div>
  );
}
