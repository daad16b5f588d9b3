'use client';

import { useState } from 'react';
import { ApiError, fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { stopExecutionSchema } from '@/lib/schemas/sfn';
import { executionApiPath } from '@/lib/sfn/arn';
import { Button } from '@/components/ui/button';

/** Stop with an inline confirmation (no browser dialog): the execution ends ABORTED. */
export function StopExecutionButton({
  executionArn,
  executionName,
  onStopped,
  size = 'md',
}: {
  executionArn: string;
  executionName: string;
  onStopped: () => void;
  size?: 'sm' | 'md';
}) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const small = size === 'sm' ? 'px-2 py-0.5 text-xs' : undefined;

  async function stop() {
    setPending(true);
    setError(null);
    try {
      await fetchJson(executionApiPath(executionArn, '/stop'), { method: 'POST', json: jsonBody(stopExecutionSchema, {}) });
      setConfirming(false);
      onStopped();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : (err as Error).message);
    } finally {
      setPending(false);
    }
  }

  if (!confirming) {
    return (
      <Button variant="secondary" className={small} onClick={() => setConfirming(true)} aria-label={`Stop ${executionName}`}>
        Stop
      </Button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5" role="group" aria-label={`Confirm stopping ${executionName}`}>
      <span className="text-xs text-slate-700">Stop this execution?</span>
      <Button variant="danger" className={small} onClick={stop} disabled={pending} autoFocus>
        {pending ? 'Stopping…' : 'Yes, stop it'}
      </Button>
      <Button variant="ghost" className={small} onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
