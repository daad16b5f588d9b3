'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { teardownSchema } from '@/lib/schemas/launches';
import type { ActionAvailability } from '@/lib/launches/actions';
import type { LaunchDetailDto } from '@/lib/launches/dto';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, TextInput } from '@/components/ui/field';

/** Teardown: confirm by typing the stack name; after a failed delete, say what blocks it and offer to keep it. */
export function TeardownPanel({ launch, availability, onDone }: { launch: LaunchDetailDto; availability: ActionAvailability; onDone: () => void }) {
  const [typed, setTyped] = useState('');
  const del = useMutation({
    mutationFn: (retainResources?: string[]) =>
      fetchJson(`/api/v1/launches/${launch.id}`, { method: 'DELETE', json: jsonBody(teardownSchema, retainResources ? { retainResources } : {}) }),
    onSuccess: () => {
      setTyped('');
      onDone();
    },
  });
  const busy = !availability.allowed;
  return (
    <Card title="Tear down">
      {launch.blockers.length > 0 && (
        <Alert tone="error" title="These resources stopped the delete" className="mb-3">
          <ul className="space-y-2">
            {launch.blockers.map((b) => (
              <li key={b.logicalId}>
                <span className="font-mono text-xs">{b.logicalId}</span> ({b.resourceType}): {b.reason}
                <span className="block text-xs">{b.fix}</span>
              </li>
            ))}
          </ul>
          <Button variant="secondary" className="mt-2" disabled={del.isPending} onClick={() => del.mutate(launch.blockers.map((b) => b.logicalId))}>
            Delete again, keeping these resources
          </Button>
        </Alert>
      )}
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === launch.stackName) del.mutate(undefined);
        }}
      >
        <Field
          id="confirm-delete"
          label={
            <>
              Type <span className="font-mono">{launch.stackName}</span> to delete the stack and its resources
            </>
          }
        >
          <TextInput id="confirm-delete" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" disabled={busy} />
        </Field>
        {!availability.allowed && <p className="text-xs text-slate-500">{availability.reason}</p>}
        {del.error && <Alert tone="error">{del.error.message}</Alert>}
        <Button type="submit" variant="danger" disabled={typed !== launch.stackName || del.isPending || busy}>
          {del.isPending ? 'Deleting…' : 'Delete stack'}
        </Button>
      </form>
    </Card>
  );
}

/** An unconfirmed preview: nothing to type, since nothing was created; discarding frees the stack name. */
export function DiscardPreviewPanel({ launchId, onDone }: { launchId: string; onDone: () => void }) {
  const discard = useMutation({
    mutationFn: () => fetchJson(`/api/v1/launches/${launchId}`, { method: 'DELETE', json: jsonBody(teardownSchema, {}) }),
    onSuccess: onDone,
  });
  return (
    <Card title="Unconfirmed preview">
      <p className="mb-3 text-sm text-slate-600">
        This launch was previewed but never launched. Discarding deletes its change set and frees the stack name; unconfirmed previews are also discarded on
        their own after a while.
      </p>
      {discard.error && (
        <Alert tone="error" className="mb-3">
          {discard.error.message}
        </Alert>
      )}
      <Button variant="secondary" onClick={() => discard.mutate()} disabled={discard.isPending}>
        {discard.isPending ? 'Discarding…' : 'Discard preview'}
      </Button>
    </Card>
  );
}
