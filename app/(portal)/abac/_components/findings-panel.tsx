'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Badge, type Tone } from '@/components/ui/badge';
import { fetchJson } from '@/lib/api/fetch-json';
import type { AbacFinding, FindingKind, FindingSeverity, InventoryStamp } from '@/lib/abac/types';
import { QueryState, ReadAt, scopeParams, type AbacScope } from './abac-workbench';

const KIND_LABEL: Record<FindingKind, string> = {
  unreachableFunction: 'Function nobody reaches',
  principalMatchesNothing: 'Principal matches nothing',
  vacuousForAllValues: 'ForAllValues passes without keys',
  tagCaseMismatch: 'Tags differ only in case',
  retagEscalation: 'Escalation by re-tagging',
  broadWildcard: 'Wildcard past the tags',
};
const SEVERITY_TONE: Record<FindingSeverity, Tone> = { high: 'bad', medium: 'warn', low: 'neutral' };
const short = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1).replace(/^.*:function:/, '');

/** The findings list with severity and kind filters. */
export function FindingsPanel({ scope }: { scope: AbacScope }) {
  const [severity, setSeverity] = useState<FindingSeverity | ''>('');
  const [kind, setKind] = useState<FindingKind | ''>('');
  const query = scopeParams(scope);
  const findings = useQuery({
    queryKey: ['abac', 'findings', query],
    queryFn: () => fetchJson<InventoryStamp & { findings: AbacFinding[] }>(`/api/v1/abac/findings?${query}`),
  });
  const list = (findings.data?.findings ?? []).filter((f) => (!severity || f.severity === severity) && (!kind || f.kind === kind));
  return (
    <div>
      <div className="mb-3 flex flex-wrap gap-3 text-sm">
        <label className="flex flex-col">
          Severity
          <select className="rounded border-slate-300 text-sm" value={severity} onChange={(e) => setSeverity(e.target.value as FindingSeverity | '')}>
            <option value="">Any</option>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </select>
        </label>
        <label className="flex flex-col">
          Kind
          <select className="rounded border-slate-300 text-sm" value={kind} onChange={(e) => setKind(e.target.value as FindingKind | '')}>
            <option value="">Any</option>
            {Object.entries(KIND_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState isLoading={findings.isLoading} error={findings.error} />
      {findings.data && (
        <>
          <ReadAt readAt={findings.data.readAt} />
          {list.length === 0 ? (
            <p className="text-sm text-slate-600">
              {findings.data.findings.length === 0 ? 'No findings: nothing here looks wrong or risky.' : 'No finding matches the filters.'}
            </p>
          ) : (
            <ul aria-label="Findings" className="divide-y divide-slate-100 rounded border border-slate-200">
              {list.map((f, i) => (
                <li key={i} className="p-3 text-sm">
                  <div className="mb-1 flex flex-wrap items-center gap-2">
                    <Badge tone={SEVERITY_TONE[f.severity]}>{f.severity}</Badge>
                    <span className="font-medium">{KIND_LABEL[f.kind]}</span>
                    {f.principal && <span className="text-slate-600">principal {short(f.principal)}</span>}
                    {f.function && <span className="text-slate-600">function {short(f.function)}</span>}
                    {f.statement && <span className="font-mono text-xs text-slate-600">{f.statement.label}</span>}
                  </div>
                  <p>{f.message}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
