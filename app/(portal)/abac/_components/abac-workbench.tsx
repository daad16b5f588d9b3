'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { formatDateTime } from '@/lib/date-time';
import { FindingsPanel } from './findings-panel';
import { MappingsPanel } from './mappings-panel';
import { MatrixPanel } from './matrix-panel';
import { WhatIfPanel } from './what-if-panel';

const TABS = [
  { id: 'matrix', label: 'Matrix' },
  { id: 'mappings', label: 'Tag mappings' },
  { id: 'findings', label: 'Findings' },
  { id: 'what-if', label: 'What-if' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export type AbacScope = { target: { id: string; name: string }; region: string };

/** Query string of the shared target and region. */
export function scopeParams(scope: AbacScope, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams({ target: scope.target.id, region: scope.region });
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}

/** The four ABAC views over one inventory, with when it was read and a refresh button. */
export function AbacWorkbench({ target, region }: { target: { id: string; name: string }; region: string }) {
  const [tab, setTab] = useState<TabId>('matrix');
  const qc = useQueryClient();
  const scope: AbacScope = { target, region };
  // One request reads IAM and Lambda again (the server keeps the new inventory); then every view refetches.
  const refresh = useMutation({
    mutationFn: () => fetchJson(`/api/v1/abac/mappings?${scopeParams(scope, { refresh: 1 })}`),
    onSettled: () => qc.invalidateQueries({ queryKey: ['abac'] }),
  });
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <div role="tablist" aria-label="ABAC views" className="flex gap-1 rounded-md bg-slate-100 p-1">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`abac-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`abac-panel-${t.id}`}
              onClick={() => setTab(t.id)}
              className={cn(
                'rounded px-3 py-1 text-sm font-medium',
                tab === t.id ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
              )}
            >
              {t.label}
            </button>
          ))}
        </div>
        <span className="text-sm text-slate-600">
          {target.name} · {region}
        </span>
        <Button variant="secondary" className="ml-auto" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
          {refresh.isPending ? 'Reading IAM and Lambda…' : 'Refresh inventory'}
        </Button>
      </div>
      <div role="tabpanel" id={`abac-panel-${tab}`} aria-labelledby={`abac-tab-${tab}`}>
        {tab === 'matrix' && <MatrixPanel scope={scope} />}
        {tab === 'mappings' && <MappingsPanel scope={scope} />}
        {tab === 'findings' && <FindingsPanel scope={scope} />}
        {tab === 'what-if' && <WhatIfPanel scope={scope} />}
      </div>
    </div>
  );
}

/** When the inventory behind a view was read. */
export function ReadAt({ readAt }: { readAt: string }) {
  return <p className="mb-2 text-xs text-slate-500">Inventory read {formatDateTime(readAt, 'second')}</p>;
}

/** The loading and error states every view shares. */
export function QueryState({ isLoading, error }: { isLoading: boolean; error: unknown }) {
  if (isLoading)
    return (
      <p className="text-sm text-slate-600" role="status">
        Reading IAM and Lambda…
      </p>
    );
  if (error)
    return (
      <p className="rounded-md bg-red-50 p-3 text-sm text-red-800" role="alert">
        {error instanceof Error ? error.message : 'Could not load.'}
      </p>
    );
  return null;
}

export const DECISION_LABEL = { allowed: 'Allowed', explicitDeny: 'Denied (explicit)', implicitDeny: 'Denied (implicit)' } as const;
export const DECISION_CLASS = {
  allowed: 'bg-emerald-100 text-emerald-900',
  explicitDeny: 'bg-red-200 text-red-900',
  implicitDeny: 'bg-slate-100 text-slate-600',
} as const;
