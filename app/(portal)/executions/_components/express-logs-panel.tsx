'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import { formatDateTime } from '@/lib/date-time';
import type { ExpressLogsDto } from '@/lib/sfn/dto';
import { parseSfnArn } from '@/lib/sfn/arn';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import { JsonViewer } from './json-viewer';

/** An Express machine's executions as its CloudWatch Logs hold them (the only record Express keeps). */
export function ExpressLogsPanel({ stateMachineArn, initial }: { stateMachineArn: string; initial: ExpressLogsDto }) {
  const [draft, setDraft] = useState('');
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const path = `/api/v1/stepfunctions/state-machines/${encodeURIComponent(stateMachineArn)}/logs${filter ? `?filter=${encodeURIComponent(filter)}` : ''}`;
  const { data, error, refetch, isFetching } = useQuery({
    queryKey: ['sfn-express-logs', path],
    queryFn: () => fetchJson<ExpressLogsDto>(path),
    initialData: filter ? undefined : initial,
    placeholderData: keepPreviousData,
  });

  return (
    <div className="space-y-3" data-testid="express-logs">
      <p className="text-sm text-slate-600">
        Express workflows keep no execution history in Step Functions. Log group <span className="font-mono text-xs">{data?.logGroupName ?? 'none'}</span>,
        level {data?.level ?? initial.level}; the last 24 hours, newest first.
      </p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft.trim());
        }}
      >
        <label className="text-xs text-slate-600">
          Filter (plain terms, e.g. an execution name or ExecutionFailed)
          <TextInput value={draft} onChange={(e) => setDraft(e.target.value)} className="w-80" />
        </label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        <Button variant="ghost" onClick={() => void refetch()} disabled={isFetching}>
          {isFetching ? 'Refreshing…' : 'Refresh'}
        </Button>
      </form>
      {error && <Alert tone="error">{(error as Error).message}</Alert>}
      {data?.note && <Alert tone="info">{data.note}</Alert>}
      {data && data.events.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
          {data.events.map((e, i) => (
            <li key={`${e.timestamp}-${i}`} className="px-3 py-2 text-xs">
              <button
                type="button"
                className="flex w-full items-center gap-3 text-left"
                aria-expanded={open === i}
                onClick={() => setOpen(open === i ? null : i)}
              >
                <span className="font-mono text-slate-500">{formatDateTime(e.timestamp, 'millisecond')}</span>
                <span className="font-medium text-slate-800">{e.type ?? 'log line'}</span>
                <span className="truncate font-mono text-slate-500">
                  {(e.executionArn && parseSfnArn(e.executionArn)?.executionName) ?? e.message.slice(0, 80)}
                </span>
              </button>
              {open === i && <JsonViewer text={e.message} label="Log record" className="mt-2" />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
