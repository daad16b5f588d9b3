'use client';

import { useState } from 'react';
import type { StackEventDto } from '@/lib/launches/dto';
import { formatDateTime, formatTime } from '@/lib/date-time';
import { StatusBadge } from '../../_components/status-badge';
import { cn } from '@/components/ui/cn';

/** Stack events, newest first, with the first failure highlighted; filter to one resource. */
export function EventTimeline({ events, highlight, stackName }: { events: StackEventDto[]; highlight: string | null; stackName: string }) {
  const [resource, setResource] = useState('');
  const resources = [...new Set(events.map((e) => e.logicalId))];
  const shown = [...events].reverse().filter((e) => !resource || e.logicalId === resource);
  if (events.length === 0) return <p className="text-sm text-slate-500">No events yet.</p>;
  return (
    <div>
      <label className="mb-2 block text-xs text-slate-600">
        Resource{' '}
        <select className="rounded border border-slate-300 px-1 py-0.5 text-xs" value={resource} onChange={(e) => setResource(e.target.value)}>
          <option value="">all ({events.length} events)</option>
          {resources.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <ol className="max-h-[28rem] space-y-1 overflow-y-auto text-sm" data-testid="event-timeline">
        {shown.map((e) => (
          <li
            key={e.eventId}
            className={cn(
              'grid grid-cols-[6.5rem_minmax(0,1fr)] gap-2 rounded px-2 py-1',
              e.eventId === highlight && 'bg-red-50 ring-1 ring-red-200',
              e.logicalId === stackName && 'bg-slate-50',
            )}
          >
            <time className="font-mono text-xs text-slate-500" dateTime={e.timestamp} title={formatDateTime(e.timestamp, 'second')}>
              {formatTime(e.timestamp)}
            </time>
            <div>
              <span className="font-mono text-xs font-medium">{e.logicalId}</span> <StatusBadge status={e.status} />
              <span className="ml-1 font-mono text-[11px] text-slate-400">{e.resourceType}</span>
              {e.reason && <p className="text-xs text-slate-600">{e.reason}</p>}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
