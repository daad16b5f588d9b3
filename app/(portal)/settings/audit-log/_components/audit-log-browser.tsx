'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { fetchJson, ApiError } from '@/lib/api/fetch-json';
import { Button, buttonClass } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { TableHead } from '@/components/ui/table-head';
import { formatDateTime } from '@/lib/date-time';
import { AUDIT_OUTCOMES } from '@/lib/schemas/audit';
import type { AuditEntryDto, AuditFieldChange, AuditPageDto } from '@/lib/audit/dto';

type Filters = { actor: string; action: string; resourceType: string; team: string; outcome: string; from: string; to: string };
const NO_FILTERS: Filters = { actor: '', action: '', resourceType: '', team: '', outcome: '', from: '', to: '' };

// Date inputs are read as UTC, as every time in the portal is.
// A datetime-local value has seconds only when the browser's step asks for them.
const toIso = (local: string) => {
  const date = new Date(`${local.length === 16 ? `${local}:00` : local}Z`);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
};

function queryString(filters: Filters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    const v = key === 'from' || key === 'to' ? toIso(value) : value.trim();
    if (v) params.set(key, v);
  }
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

const show = (value: unknown) => (value === null || value === undefined ? '—' : Array.isArray(value) ? value.join(', ') || '(none)' : String(value));

function Changes({ details }: { details: Record<string, unknown> }) {
  const changes = details.changes as Record<string, AuditFieldChange> | undefined;
  if (!changes || typeof changes !== 'object') return null;
  return (
    <ul className="space-y-0.5">
      {Object.entries(changes).map(([field, change]) => (
        <li key={field}>
          <span className="font-medium">{field}</span>: {show(change?.from)} → {show(change?.to)}
        </li>
      ))}
    </ul>
  );
}

const OUTCOME_TONE = { success: 'good', failure: 'bad', refused: 'warn' } as const;

/** The audit log with its filters applied on the server, older pages on request, and the same filters exported as JSON lines. */
export function AuditLogBrowser({ initial, teams }: { initial: AuditPageDto; teams: { slug: string; name: string }[] }) {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const isUnfiltered = queryString(filters) === '';
  const query = useInfiniteQuery({
    queryKey: ['audit-log', filters],
    queryFn: ({ pageParam }) => fetchJson<AuditPageDto>(`/api/v1/audit-log?${queryString(filters, pageParam)}&limit=50`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...(isUnfiltered ? { initialData: { pages: [initial], pageParams: [undefined] } } : {}),
  });
  const entries: AuditEntryDto[] = query.data?.pages.flatMap((p) => p.entries) ?? [];
  const fields = query.error instanceof ApiError ? (query.error.fields ?? {}) : {};
  const input = (k: keyof Filters, label: string, help?: string, type = 'text') => (
    <Field id={`audit-${k}`} label={label} help={help} error={fields[k]?.[0] ?? null}>
      <TextInput id={`audit-${k}`} type={type} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
    </Field>
  );
  return (
    <div className="space-y-4">
      <form
        className="grid gap-3 md:grid-cols-4"
        aria-label="Filter the audit log"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        {input('actor', 'Actor', 'e-mail')}
        {input('action', 'Action', 'e.g. target.update or target.*')}
        {input('resourceType', 'Resource type', 'e.g. aws-target')}
        <Field id="audit-team" label="Team">
          <Select id="audit-team" value={draft.team} onChange={(e) => setDraft({ ...draft, team: e.target.value })}>
            <option value="">any</option>
            {teams.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="audit-outcome" label="Outcome">
          <Select id="audit-outcome" value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}>
            <option value="">any</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </Select>
        </Field>
        {input('from', 'From (UTC)', undefined, 'datetime-local')}
        {input('to', 'To (UTC)', undefined, 'datetime-local')}
        <div className="flex items-end gap-2">
          <Button type="submit">Apply filters</Button>
          <a className={buttonClass('secondary')} href={`/api/v1/audit-log/export?${queryString(filters)}`} download>
            Export JSON lines
          </a>
        </div>
      </form>
      {query.error && !(query.error instanceof ApiError && query.error.fields) && <Alert tone="error">{query.error.message}</Alert>}
      <table className="w-full text-left text-sm">
        <TableHead columns={[{ label: 'When' }, { label: 'Actor' }, { label: 'Action' }, { label: 'Resource' }, { label: 'Outcome' }, { label: 'Changes' }]} />
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className="border-t border-slate-100 align-top">
              <td className="whitespace-nowrap py-2">{formatDateTime(e.at, 'second')}</td>
              <td className="py-2">{e.actorEmail}</td>
              <td className="py-2 font-mono text-xs">{e.action}</td>
              <td className="py-2 text-xs">
                {e.resourceType}
                {e.resourceId && <span className="block break-all font-mono text-slate-500">{e.resourceId}</span>}
              </td>
              <td className="py-2">
                <Badge tone={OUTCOME_TONE[e.outcome]}>{e.outcome}</Badge>
              </td>
              <td className="py-2 text-xs">
                <Changes details={e.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!entries.length && !query.isFetching && <p className="text-sm text-slate-500">No entries match.</p>}
      {query.hasNextPage && (
        <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? 'Loading…' : 'Older entries'}
        </Button>
      )}
    </div>
  );
}
