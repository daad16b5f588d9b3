'use client';

import { formatDateTime } from '@/lib/date-time';
import { formatDuration } from '@/lib/sfn/format';
import { STATE_STATUS_STYLE } from '@/lib/sfn/status-style';
import type { ExecutionStateDto } from '@/lib/sfn/dto';
import { TableHead } from '@/components/ui/table-head';

/** Every state of the definition with its status, visits and time spent (the console's table view). */
export function StatesTable({ states, onSelect }: { states: ExecutionStateDto[]; onSelect: (nodeId: string) => void }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="w-full text-left text-xs" data-testid="states-table">
        <TableHead
          variant="panel"
          columns={[
            { label: 'State' },
            { label: 'Type' },
            { label: 'Status' },
            { label: 'Visits', numeric: true },
            { label: 'Time in state', numeric: true },
            { label: 'First entered' },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {states.map((s) => {
            const style = STATE_STATUS_STYLE[s.status];
            const total = s.visits.reduce((sum, v) => sum + (v.durationMs ?? 0), 0);
            const depth = s.nodeId.split('/').length > 1 ? Math.floor((s.nodeId.split('/').length - 1) / 2) : 0;
            return (
              <tr key={s.nodeId} className="hover:bg-slate-50" style={{ opacity: s.status === 'notRun' ? 0.65 : 1 }}>
                <td className="px-3 py-1.5" style={{ paddingLeft: `${0.75 + depth}rem` }}>
                  <button type="button" className="font-medium text-brand-700 underline-offset-2 hover:underline" onClick={() => onSelect(s.nodeId)}>
                    {s.name}
                  </button>
                </td>
                <td className="px-3 py-1.5 text-slate-600">{s.type}</td>
                <td className="px-3 py-1.5">
                  <span className="inline-flex items-center gap-1.5" data-status={s.status}>
                    <span className="inline-block h-2.5 w-2.5 rounded-sm border" style={{ background: style.fill, borderColor: style.stroke }} aria-hidden />
                    {style.label}
                  </span>
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">{s.visits.length}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{s.visits.length ? formatDuration(total) : '—'}</td>
                <td className="whitespace-nowrap px-3 py-1.5 font-mono text-slate-500">
                  {s.visits[0] ? formatDateTime(s.visits[0].enteredAt, 'millisecond') : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
