'use client';

import { Fragment, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { fetchJson } from '@/lib/api/fetch-json';
import type { AbacExplanation, AbacGrid, GridCell } from '@/lib/abac/types';
import { DECISION_CLASS, DECISION_LABEL, QueryState, ReadAt, scopeParams, type AbacScope } from './abac-workbench';
import { VerifyWithAws } from './verify-with-aws';

const PAGE_ROWS = 25;
const PAGE_COLS = 20;
const ACTIONS = ['lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:UpdateFunctionCode', 'lambda:DeleteFunction', 'lambda:TagResource', 'all'];

function cellText(cell: GridCell): string {
  return cell.of > 1 ? `${cell.allowed}/${cell.of}` : cell.decision === 'allowed' ? 'allow' : cell.decision === 'explicitDeny' ? 'deny' : '—';
}

/** Principals × functions, one server-decided page at a time, grouped by tag combination; a click explains a cell. */
export function MatrixPanel({ scope }: { scope: AbacScope }) {
  const [action, setAction] = useState('lambda:InvokeFunction');
  const [filters, setFilters] = useState({ principal: '', function: '', tag: '' });
  const [rowOffset, setRowOffset] = useState(0);
  const [colOffset, setColOffset] = useState(0);
  const [selected, setSelected] = useState<{ principal: string; function: string } | null>(null);
  const query = scopeParams(scope, { action, ...filters, rowOffset, rowLimit: PAGE_ROWS, colOffset, colLimit: PAGE_COLS });
  const grid = useQuery({
    queryKey: ['abac', 'grid', query],
    queryFn: () => fetchJson<AbacGrid>(`/api/v1/abac/grid?${query}`),
    placeholderData: keepPreviousData,
  });
  const setFilter = (key: keyof typeof filters) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setFilters((f) => ({ ...f, [key]: e.target.value }));
    setRowOffset(0);
    setColOffset(0);
  };
  const data = grid.data;
  return (
    <div className="flex gap-4">
      <div className="min-w-0 flex-1">
        <div className="mb-3 flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col">
            Action
            <select className="rounded border-slate-300 text-sm" value={action} onChange={(e) => setAction(e.target.value)}>
              {ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a === 'all' ? 'All function actions' : a}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col">
            Principal
            <input className="rounded border-slate-300 text-sm" value={filters.principal} onChange={setFilter('principal')} placeholder="name contains" />
          </label>
          <label className="flex flex-col">
            Function
            <input className="rounded border-slate-300 text-sm" value={filters.function} onChange={setFilter('function')} placeholder="name contains" />
          </label>
          <label className="flex flex-col">
            Tag
            <input className="rounded border-slate-300 text-sm" value={filters.tag} onChange={setFilter('tag')} placeholder="key or key=value" />
          </label>
        </div>
        <QueryState isLoading={grid.isLoading} error={grid.error} />
        {data && (
          <>
            <ReadAt readAt={data.readAt} />
            <p className="mb-2 text-sm text-slate-700">
              Principals {data.totals.principals === 0 ? 0 : data.offsets.row + 1}–{data.offsets.row + data.principals.length} of {data.totals.principals} ·
              functions {data.totals.functions === 0 ? 0 : data.offsets.col + 1}–{data.offsets.col + data.functions.length} of {data.totals.functions}
              <span className="ml-3 inline-flex gap-2">
                {(['allowed', 'explicitDeny', 'implicitDeny'] as const).map((d) => (
                  <span key={d} className={cn('rounded px-1.5', DECISION_CLASS[d])}>
                    {DECISION_LABEL[d]}
                  </span>
                ))}
              </span>
            </p>
            {data.problems.length > 0 && (
              <p className="mb-2 rounded bg-amber-50 p-2 text-xs text-amber-900">
                Left out (unreadable): {data.problems.map((p) => `${p.where}: ${p.problem}`).join('; ')}
              </p>
            )}
            {data.principals.length === 0 || data.functions.length === 0 ? (
              <p className="text-sm text-slate-600">
                No principals or functions match. Clear a filter, or launch the lambda-abac blueprint to see the post&apos;s scenario.
              </p>
            ) : (
              <div className="max-h-[70vh] overflow-auto rounded border border-slate-200">
                <table className="border-collapse text-xs">
                  <thead className="sticky top-0 z-10 bg-white">
                    <tr>
                      <th scope="col" className="sticky left-0 bg-white p-1 text-left">
                        Principal \ function
                      </th>
                      {data.functions.map((f, i) => (
                        <th
                          key={f.arn}
                          scope="col"
                          title={`${f.arn}\n${f.group}`}
                          className={cn(
                            'max-w-24 p-1 align-bottom font-medium',
                            i > 0 && data.functions[i - 1]?.group !== f.group && 'border-l-2 border-slate-400',
                          )}
                        >
                          <span className="block text-[10px] font-normal text-slate-500">
                            {i === 0 || data.functions[i - 1]?.group !== f.group ? f.group : ''}
                          </span>
                          <span className="block truncate">{f.name}</span>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.principals.map((p, ri) => (
                      <Fragment key={p.arn}>
                        {(ri === 0 || data.principals[ri - 1]?.group !== p.group) && (
                          <tr>
                            <th scope="rowgroup" colSpan={data.functions.length + 1} className="bg-slate-50 p-1 text-left font-normal text-slate-600">
                              {p.group}
                            </th>
                          </tr>
                        )}
                        <tr>
                          <th scope="row" className="sticky left-0 bg-white p-1 text-left font-medium" title={p.arn}>
                            {p.name} <span className="text-slate-500">({p.kind})</span>
                          </th>
                          {data.cells[ri]?.map((cell, ci) => {
                            const f = data.functions[ci];
                            if (!f) return null;
                            const isSelected = selected?.principal === p.arn && selected.function === f.arn;
                            return (
                              <td key={f.arn} className="p-0.5">
                                <button
                                  type="button"
                                  aria-label={`${p.name} on ${f.name}: ${DECISION_LABEL[cell.decision]}${cell.of > 1 ? ` (${cell.allowed} of ${cell.of} actions)` : ''}`}
                                  aria-pressed={isSelected}
                                  onClick={() => setSelected({ principal: p.arn, function: f.arn })}
                                  className={cn('w-full rounded px-1 py-0.5 text-center', DECISION_CLASS[cell.decision], isSelected && 'ring-2 ring-brand-600')}
                                >
                                  {cellText(cell)}
                                </button>
                              </td>
                            );
                          })}
                        </tr>
                      </Fragment>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div className="mt-2 flex flex-wrap gap-2">
              <Button variant="secondary" disabled={rowOffset === 0} onClick={() => setRowOffset(Math.max(0, rowOffset - PAGE_ROWS))}>
                Previous principals
              </Button>
              <Button variant="secondary" disabled={rowOffset + PAGE_ROWS >= data.totals.principals} onClick={() => setRowOffset(rowOffset + PAGE_ROWS)}>
                Next principals
              </Button>
              <Button variant="secondary" disabled={colOffset === 0} onClick={() => setColOffset(Math.max(0, colOffset - PAGE_COLS))}>
                Previous functions
              </Button>
              <Button variant="secondary" disabled={colOffset + PAGE_COLS >= data.totals.functions} onClick={() => setColOffset(colOffset + PAGE_COLS)}>
                Next functions
              </Button>
            </div>
          </>
        )}
      </div>
      {selected && <ExplanationPanel scope={scope} action={action} cell={selected} onClose={() => setSelected(null)} />}
    </div>
  );
}

function ExplanationPanel({
  scope,
  action,
  cell,
  onClose,
}: {
  scope: AbacScope;
  action: string;
  cell: { principal: string; function: string };
  onClose: () => void;
}) {
  const query = scopeParams(scope, { action, principal: cell.principal, function: cell.function });
  const explained = useQuery({ queryKey: ['abac', 'explain', query], queryFn: () => fetchJson<AbacExplanation>(`/api/v1/abac/explain?${query}`) });
  const data = explained.data;
  return (
    <aside aria-label="Explanation" className="w-96 shrink-0 overflow-auto rounded border border-slate-200 p-3 text-sm" style={{ maxHeight: '75vh' }}>
      <div className="mb-2 flex items-start justify-between gap-2">
        <h2 className="font-semibold">Why</h2>
        <Button variant="ghost" onClick={onClose} aria-label="Close the explanation">
          Close
        </Button>
      </div>
      <QueryState isLoading={explained.isLoading} error={explained.error} />
      {data && (
        <>
          <p className="mb-2 break-all text-xs text-slate-600">
            {data.principal.name} (
            {Object.entries(data.principal.tags)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ') || 'no tags'}
            ) on {data.function.name} (
            {Object.entries(data.function.tags)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ') || 'no tags'}
            )
          </p>
          {data.decisions.map((d) => (
            <section key={d.action} className="mb-3 border-t border-slate-100 pt-2">
              <h3 className="font-medium">
                {d.action}: <span className={cn('rounded px-1.5', DECISION_CLASS[d.decision])}>{DECISION_LABEL[d.decision]}</span>
              </h3>
              {d.decidingStatements.length > 0 ? (
                <ul className="ml-4 list-disc">
                  {d.decidingStatements.map((s, i) => (
                    <li key={i}>
                      {s.effect} by {s.policy}
                      {s.sid ? `#${s.sid}` : ''} (
                      {s.kind === 'identity' ? 'identity policy' : s.kind === 'permissionsBoundary' ? 'permissions boundary' : 'resource policy'})
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-slate-600">No statement allows it.</p>
              )}
              {d.conditions.length > 0 && (
                <ul className="mt-1 space-y-1">
                  {d.conditions.map((c, i) => (
                    <li key={i} className={cn('rounded p-1 font-mono text-xs', c.result ? 'bg-emerald-50' : 'bg-red-50')}>
                      {c.operator} {c.key}: [{c.values.join(', ')}] → [{c.resolved.values.map((v) => v ?? '(no value)').join(', ')}] vs request{' '}
                      {c.resolved.keyValues ? `[${c.resolved.keyValues.join(', ')}]` : '(absent)'} = {c.result ? 'true' : 'false'}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
          <VerifyWithAws key={`${action}|${cell.principal}|${cell.function}`} scope={scope} action={action} cell={cell} />
        </>
      )}
    </aside>
  );
}
