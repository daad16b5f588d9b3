'use client';

import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { fetchJson, jsonBody } from '@/lib/api/fetch-json';
import type { AbacGrid, AbacWhatIf } from '@/lib/abac/types';
import { abacWhatIfSchema, type AbacWhatIfBody } from '@/lib/schemas/abac-views';
import { DECISION_CLASS, DECISION_LABEL, QueryState, ReadAt, scopeParams, type AbacScope } from './abac-workbench';

const formatTags = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

/** `key=value` lines to tags; a line without `=` is a key with an empty value. */
function parseTags(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const at = trimmed.indexOf('=');
    tags[(at === -1 ? trimmed : trimmed.slice(0, at)).trim()] = at === -1 ? '' : trimmed.slice(at + 1).trim();
  }
  return tags;
}

const short = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1).replace(/^.*:function:/, '');

/** Edit a function's or a principal's tags (or a principal's policies), or try CreateFunction, and see which cells change. Nothing is applied to AWS. */
export function WhatIfPanel({ scope }: { scope: AbacScope }) {
  const [action, setAction] = useState('lambda:InvokeFunction');
  const [functionArn, setFunctionArn] = useState('');
  const [functionTags, setFunctionTags] = useState('');
  const [principalArn, setPrincipalArn] = useState('');
  const [principalTags, setPrincipalTags] = useState('');
  const [principalPolicies, setPrincipalPolicies] = useState('');
  const [createName, setCreateName] = useState('');
  const [createTags, setCreateTags] = useState('');
  const [policyError, setPolicyError] = useState<string | null>(null);
  const listQuery = scopeParams(scope, { action: 'lambda:GetFunction', rowLimit: 200, colLimit: 200 });
  const inventory = useQuery({ queryKey: ['abac', 'grid', listQuery], queryFn: () => fetchJson<AbacGrid>(`/api/v1/abac/grid?${listQuery}`) });
  const run = useMutation({
    mutationFn: (body: AbacWhatIfBody) => fetchJson<AbacWhatIf>('/api/v1/abac/what-if', { method: 'POST', json: jsonBody(abacWhatIfSchema, body) }),
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setPolicyError(null);
    let policies: AbacWhatIfBody['principals'][number]['policies'];
    if (principalArn && principalPolicies.trim()) {
      try {
        policies = JSON.parse(principalPolicies) as typeof policies;
      } catch {
        setPolicyError('Policies must be JSON: [{ "name": "...", "document": { "Version": "2012-10-17", "Statement": [...] } }]');
        return;
      }
    }
    run.mutate({
      target: scope.target.id,
      region: scope.region,
      action,
      functions: functionArn ? [{ arn: functionArn, tags: parseTags(functionTags) }] : [],
      principals: principalArn ? [{ arn: principalArn, tags: parseTags(principalTags), ...(policies ? { policies } : {}) }] : [],
      ...(createName ? { createFunction: { functionName: createName, requestTags: parseTags(createTags) } } : {}),
    });
  };
  const grid = inventory.data;
  const result = run.data;
  return (
    <div>
      <p className="mb-3 text-sm text-slate-700">Change tags or policies here and see which decisions change. Nothing is applied to AWS.</p>
      <QueryState isLoading={inventory.isLoading} error={inventory.error} />
      {grid && (
        <form onSubmit={submit} className="grid gap-4 text-sm lg:grid-cols-3">
          <fieldset className="rounded border border-slate-200 p-3">
            <legend className="px-1 font-medium">A function&apos;s tags</legend>
            <label className="flex flex-col">
              Function
              <select
                className="rounded border-slate-300 text-sm"
                value={functionArn}
                onChange={(e) => {
                  setFunctionArn(e.target.value);
                  setFunctionTags(formatTags(grid.functions.find((f) => f.arn === e.target.value)?.tags ?? {}));
                }}
              >
                <option value="">(unchanged)</option>
                {grid.functions.map((f) => (
                  <option key={f.arn} value={f.arn}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="mt-2 flex flex-col">
              Function tags (key=value per line)
              <textarea
                className="rounded border-slate-300 font-mono text-xs"
                rows={4}
                value={functionTags}
                disabled={!functionArn}
                onChange={(e) => setFunctionTags(e.target.value)}
              />
            </label>
          </fieldset>
          <fieldset className="rounded border border-slate-200 p-3">
            <legend className="px-1 font-medium">A principal&apos;s tags or policies</legend>
            <label className="flex flex-col">
              Principal
              <select
                className="rounded border-slate-300 text-sm"
                value={principalArn}
                onChange={(e) => {
                  setPrincipalArn(e.target.value);
                  setPrincipalTags(formatTags(grid.principals.find((p) => p.arn === e.target.value)?.tags ?? {}));
                }}
              >
                <option value="">(unchanged)</option>
                {grid.principals.map((p) => (
                  <option key={p.arn} value={p.arn}>
                    {p.name} ({p.kind})
                  </option>
                ))}
              </select>
            </label>
            <label className="mt-2 flex flex-col">
              Principal tags (key=value per line)
              <textarea
                className="rounded border-slate-300 font-mono text-xs"
                rows={3}
                value={principalTags}
                disabled={!principalArn}
                onChange={(e) => setPrincipalTags(e.target.value)}
              />
            </label>
            <label className="mt-2 flex flex-col">
              Replace its policies (JSON, optional)
              <textarea
                className="rounded border-slate-300 font-mono text-xs"
                rows={3}
                value={principalPolicies}
                disabled={!principalArn}
                onChange={(e) => setPrincipalPolicies(e.target.value)}
              />
            </label>
            {policyError && <p className="text-xs text-red-700">{policyError}</p>}
          </fieldset>
          <fieldset className="rounded border border-slate-200 p-3">
            <legend className="px-1 font-medium">Decide</legend>
            <label className="flex flex-col">
              Action
              <input className="rounded border-slate-300 text-sm" value={action} onChange={(e) => setAction(e.target.value)} />
            </label>
            <label className="mt-2 flex flex-col">
              CreateFunction: new function name (optional)
              <input className="rounded border-slate-300 text-sm" value={createName} onChange={(e) => setCreateName(e.target.value)} />
            </label>
            <label className="mt-2 flex flex-col">
              CreateFunction request tags (key=value per line)
              <textarea className="rounded border-slate-300 font-mono text-xs" rows={2} value={createTags} onChange={(e) => setCreateTags(e.target.value)} />
            </label>
            <Button type="submit" className="mt-3" disabled={run.isPending}>
              {run.isPending ? 'Deciding…' : 'Show what changes'}
            </Button>
          </fieldset>
        </form>
      )}
      {run.error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {run.error.message}
        </p>
      )}
      {result && (
        <section aria-label="What-if result" className="mt-4 text-sm">
          <ReadAt readAt={result.readAt} />
          <p>
            {result.action}: allowed {result.counts.before.allowed} → {result.counts.after.allowed}, explicitly denied {result.counts.before.explicitDeny} →{' '}
            {result.counts.after.explicitDeny}.
          </p>
          {result.changes.length === 0 ? (
            <p className="mt-2 text-slate-600">No decision changes.</p>
          ) : (
            <table className="mt-2 text-left">
              <caption className="sr-only">Changed decisions</caption>
              <thead>
                <tr>
                  <th scope="col" className="pr-4">
                    Principal
                  </th>
                  <th scope="col" className="pr-4">
                    Function
                  </th>
                  <th scope="col" className="pr-4">
                    Before
                  </th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {result.changes.map((c) => (
                  <tr key={`${c.principal}|${c.function}`}>
                    <td className="pr-4">{short(c.principal)}</td>
                    <td className="pr-4">{short(c.function)}</td>
                    <td className="pr-4">
                      <span className={cn('rounded px-1.5', DECISION_CLASS[c.before])}>{DECISION_LABEL[c.before]}</span>
                    </td>
                    <td>
                      <span className={cn('rounded px-1.5', DECISION_CLASS[c.after])}>{DECISION_LABEL[c.after]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.createFunction && (
            <table className="mt-3 text-left">
              <caption className="text-left font-medium">lambda:CreateFunction with those request tags</caption>
              <tbody>
                {result.createFunction.map((c) => (
                  <tr key={c.principal}>
                    <td className="pr-4">{c.name}</td>
                    <td>
                      <span className={cn('rounded px-1.5', DECISION_CLASS[c.decision])}>{DECISION_LABEL[c.decision]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
