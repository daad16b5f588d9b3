'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { fetchJson, ApiError, jsonBody } from '@/lib/api/fetch-json';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ConfirmDialog } from '@/components/ui/dialog';
import { type ApiTokenDto, createTokenSchema } from '@/lib/schemas/tokens';
import { formatDateTime } from '@/lib/date-time';

type TokenList = { tokens: ApiTokenDto[] };

export function TokensPanel({ initial }: { initial: ApiTokenDto[] }) {
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['tokens'], queryFn: () => fetchJson<TokenList>('/api/v1/tokens'), initialData: { tokens: initial } });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (tokenName: string) =>
      fetchJson<ApiTokenDto & { token: string }>('/api/v1/tokens', { method: 'POST', json: jsonBody(createTokenSchema, { name: tokenName }) }),
    onSuccess: (res) => {
      setCreated(res.token);
      setName('');
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  // Revoking cannot be undone and breaks every script using the token: it asks first.
  const [revoking, setRevoking] = useState<ApiTokenDto | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/v1/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const fieldError = create.error instanceof ApiError ? (create.error.fields?.name?.[0] ?? create.error.message) : null;
  const hydrated = useHydrated();

  return (
    <div className="space-y-4">
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(name);
        }}
      >
        <div className="flex-1">
          <Field id="token-name" label="New token name" help="For example: ci-pipeline" error={fieldError}>
            <TextInput id="token-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(fieldError)} disabled={!hydrated} />
          </Field>
        </div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      {created && (
        <Alert tone="success" title="Copy your token now: it will not be shown again">
          <code data-testid="new-token" className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs">
            {created}
          </code>
          <Button variant="ghost" className="mt-2" onClick={() => setCreated(null)}>
            I have copied it
          </Button>
        </Alert>
      )}
      {data.tokens.length === 0 ? (
        <p className="text-sm text-slate-500">No tokens yet. Tokens let scripts call the API as you.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {data.tokens.map((t) => (
            <li key={t.id} className="flex items-center justify-between gap-2 py-2">
              <span>
                <span className="font-medium">{t.name}</span> <code className="text-xs text-slate-500">{t.prefix}…</code>
                <span className="block text-xs text-slate-500">
                  created {formatDateTime(t.createdAt)}
                  {t.lastUsedAt ? ` · last used ${formatDateTime(t.lastUsedAt)}` : ' · never used'}
                </span>
              </span>
              {t.revokedAt ? (
                <Badge tone="bad">revoked</Badge>
              ) : (
                <Button
                  variant="secondary"
                  onClick={() => {
                    revoke.reset();
                    setRevoking(t);
                  }}
                  aria-label={`Revoke ${t.name}`}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the token ${revoking?.name ?? ''}?`}
        confirmLabel="Revoke token"
        pendingLabel="Revoking…"
        isPending={revoke.isPending}
        error={revoke.error?.message ?? null}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onCancel={() => setRevoking(null)}
      >
        Scripts and pipelines that send it are refused from now on. This cannot be undone; create a new token to replace it.
      </ConfirmDialog>
    </div>
  );
}
