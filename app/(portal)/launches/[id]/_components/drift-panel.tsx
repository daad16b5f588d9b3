'use client';

import { useMutation } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import type { ActionAvailability } from '@/lib/launches/actions';
import { formatDateTime } from '@/lib/date-time';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

type Drift =
  | { supported: false; message: string }
  | {
      supported: true;
      report: { status: string; checkedAt: string; resources: { logicalId: string; resourceType: string; status: string; differences: string[] }[] };
    };

export function DriftPanel({ launchId, availability }: { launchId: string; availability: ActionAvailability }) {
  const m = useMutation({ mutationFn: () => fetchJson<Drift>(`/api/v1/launches/${launchId}/drift`, { method: 'POST' }) });
  return (
    <Card title="Drift">
      <Button variant="secondary" onClick={() => m.mutate()} disabled={!availability.allowed || m.isPending}>
        {m.isPending ? 'Detecting drift…' : 'Detect drift'}
      </Button>
      {!availability.allowed && <p className="mt-2 text-xs text-slate-500">{availability.reason}</p>}
      {m.error && (
        <Alert tone="error" className="mt-3">
          {m.error.message}
        </Alert>
      )}
      {m.data && !m.data.supported && (
        <Alert tone="info" className="mt-3" title="Drift detection is not available here">
          <span data-testid="drift-unsupported">{m.data.message}</span>
        </Alert>
      )}
      {m.data?.supported && (
        <div className="mt-3 space-y-2 text-sm">
          <p>
            Stack is <Badge tone={m.data.report.status === 'IN_SYNC' ? 'good' : 'warn'}>{m.data.report.status}</Badge> (checked{' '}
            {formatDateTime(m.data.report.checkedAt, 'second')})
          </p>
          <ul className="space-y-1">
            {m.data.report.resources
              .filter((r) => r.status !== 'IN_SYNC')
              .map((r) => (
                <li key={r.logicalId}>
                  <span className="font-mono text-xs">{r.logicalId}</span> {r.status}
                  {r.differences.map((d) => (
                    <span key={d} className="block text-xs text-slate-600">
                      {d}
                    </span>
                  ))}
                </li>
              ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
