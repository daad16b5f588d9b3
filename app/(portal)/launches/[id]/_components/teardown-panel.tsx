'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { teardownSchema } from '@/lib/schemas/launches';
import { statusTone, type LaunchDetailDto } from '@/lib/launch/types';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, TextInput } from '@/components/ui/field';

/** Teardown: confirm by typing the stack name; after a failed delete, say what blocks it and offer to keep it. */
export function TeardownPanel({ launch, onDone }: { launch: LaunchDetailDto; onDone: () => void }) {
  const [typed, setTyped] = useState('');
  const del = useMutation({
    mutationFn: (retainResources?: string[]) =>
      fetchJson(`/api/v1/launches/${launch.id}`, { method: 'DELETE', json: jsonBody(teardownSchema, retainResources ? { retainResources } : {}) }),
    onSuccess: () => {
      setTyped('');
      onDone();
    },
  });
  const busy = statusTone(launch.status) === 'progress' && launch.status !== 'REVIEW_IN_PROGRESS';
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
        {del.error && <Alert tone="error">{del.error.message}</Alert>}
        <Button type="submit" variant="danger" disabled={typed !== launch.stackName || del.isPending || busy}>
          {del.isPending ? 'Deleting…' : 'Delete stack'}
        </Button>
      </form>
    </Card>
  );
}
