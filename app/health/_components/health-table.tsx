'use client';

import { useQuery } from '@tanstack/react-query';
import { Badge } from '@/components/ui/badge';
import type { HealthReport } from '@/lib/health/dto';
import { formatDateTime } from '@/lib/date-time';
import { TableHead } from '@/components/ui/table-head';

async function fetchHealth(): Promise<HealthReport> {
  const res = await fetch('/api/v1/health', { cache: 'no-store' });
  return (await res.json()) as HealthReport;
}

export function HealthTable({ initial }: { initial: HealthReport }) {
  const { data } = useQuery({ queryKey: ['health'], queryFn: fetchHealth, initialData: initial, refetchInterval: 5000 });
  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full text-left text-sm">
        <TableHead variant="panel" density="roomy" columns={[{ label: 'Dependency' }, { label: 'Status' }, { label: 'Latency' }, { label: 'Details' }]} />
        <tbody>
          {data.dependencies.map((d) => (
            <tr key={d.name} className="border-t border-slate-100" data-testid={`health-${d.name}`}>
              <td className="px-4 py-2 font-medium">{d.label}</td>
              <td className="px-4 py-2">
                <Badge tone={d.status === 'up' ? 'good' : d.status === 'down' ? 'bad' : 'neutral'}>{d.status}</Badge>
              </td>
              <td className="px-4 py-2 tabular-nums">{d.latencyMs === null ? '—' : `${d.latencyMs} ms`}</td>
              <td className="px-4 py-2 text-slate-600">{d.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">Checked {formatDateTime(data.checkedAt, 'second')}</p>
    </div>
  );
}
