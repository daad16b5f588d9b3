'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import type { InventoryStamp, TagMappingEdge, TagMappings } from '@/lib/abac/types';
import { QueryState, ReadAt, scopeParams, type AbacScope } from './abac-workbench';

const ROW = 44;
const WIDTH = 640;
const FIXED = '(fixed values)';
const VIA_LABEL = { resourceTag: 'aws:ResourceTag', requestTag: 'aws:RequestTag', tagKeys: 'aws:TagKeys' } as const;
const VIA_COLOUR = { resourceTag: '#0f766e', requestTag: '#7c3aed', tagKeys: '#b45309' } as const;

/** Principal tag keys on the left, resource tag keys on the right, an edge per condition that compares them. */
export function MappingsPanel({ scope }: { scope: AbacScope }) {
  const query = scopeParams(scope);
  const mappings = useQuery({
    queryKey: ['abac', 'mappings', query],
    queryFn: () => fetchJson<InventoryStamp & TagMappings>(`/api/v1/abac/mappings?${query}`),
  });
  const data = mappings.data;
  if (!data) return <QueryState isLoading={mappings.isLoading} error={mappings.error} />;
  const left = [...data.principalKeys, ...(data.edges.some((e) => e.principalKey === null) ? [FIXED] : [])];
  const right = data.resourceKeys;
  const height = Math.max(left.length, right.length) * ROW + 40;
  const y = (list: string[], key: string) => 40 + list.indexOf(key) * ROW;
  const describe = (e: TagMappingEdge) =>
    `${e.principalKey ? `aws:PrincipalTag/${e.principalKey}` : e.via === 'tagKeys' ? 'allowed key' : `fixed ${e.values.join(', ')}`} → ${VIA_LABEL[e.via]}${
      e.via === 'tagKeys' ? '' : '/'
    }${e.resourceKey} (${e.effect}, ${e.operators.join(', ')}) in ${e.statements.map((s) => s.label).join('; ')}`;
  return (
    <div>
      <ReadAt readAt={data.readAt} />
      {data.edges.length === 0 ? (
        <p className="text-sm text-slate-600">No policy compares tags in this target. Launch the lambda-abac blueprint to see the post&apos;s scenario.</p>
      ) : (
        <>
          <svg
            role="img"
            aria-label="Principal tag keys to resource tag keys"
            width={WIDTH}
            height={height}
            className="max-w-full rounded border border-slate-200 bg-white"
          >
            <text x={10} y={20} className="fill-slate-500 text-xs">
              Principal tag
            </text>
            <text x={WIDTH - 190} y={20} className="fill-slate-500 text-xs">
              Resource / request tag
            </text>
            {data.edges.map((e, i) => {
              const y1 = y(left, e.principalKey ?? FIXED);
              const y2 = y(right, e.resourceKey);
              return (
                <path
                  key={i}
                  d={`M 190 ${y1} C 320 ${y1}, 320 ${y2}, ${WIDTH - 200} ${y2}`}
                  fill="none"
                  stroke={VIA_COLOUR[e.via]}
                  strokeWidth={2}
                  strokeDasharray={e.effect === 'Deny' ? '6 4' : undefined}
                >
                  <title>{describe(e)}</title>
                </path>
              );
            })}
            {left.map((k) => (
              <g key={k}>
                <rect x={10} y={y(left, k) - 14} width={180} height={28} rx={4} fill="#f1f5f9" stroke="#94a3b8" />
                <text x={18} y={y(left, k) + 4} className="text-xs">
                  {k}
                </text>
              </g>
            ))}
            {right.map((k) => (
              <g key={k}>
                <rect x={WIDTH - 200} y={y(right, k) - 14} width={190} height={28} rx={4} fill="#f1f5f9" stroke="#94a3b8" />
                <text x={WIDTH - 192} y={y(right, k) + 4} className="text-xs">
                  {k}
                </text>
              </g>
            ))}
          </svg>
          <p className="mt-1 text-xs text-slate-600">
            Colour: <span style={{ color: VIA_COLOUR.resourceTag }}>aws:ResourceTag</span>, <span style={{ color: VIA_COLOUR.requestTag }}>aws:RequestTag</span>
            , <span style={{ color: VIA_COLOUR.tagKeys }}>aws:TagKeys</span>; dashed = Deny.
          </p>
          <table className="mt-3 w-full text-left text-sm">
            <caption className="sr-only">Tag mappings and the statements behind them</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col">Principal tag</th>
                <th scope="col">Compared with</th>
                <th scope="col">Effect</th>
                <th scope="col">Statements (principals)</th>
              </tr>
            </thead>
            <tbody>
              {data.edges.map((e, i) => (
                <tr key={i} className="border-b border-slate-100 align-top">
                  <td>{e.principalKey ?? (e.values.length > 0 ? `fixed: ${e.values.join(', ')}` : '—')}</td>
                  <td className="font-mono text-xs">
                    {VIA_LABEL[e.via]}
                    {e.via === 'tagKeys' ? ` may hold ${e.resourceKey}` : `/${e.resourceKey}`} ({e.operators.join(', ')})
                  </td>
                  <td>{e.effect}</td>
                  <td className="text-xs">
                    {e.statements.map((s) => (
                      <div key={s.label}>
                        {s.label} ({s.principals.map((p) => p.slice(p.lastIndexOf('/') + 1)).join(', ')})
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
