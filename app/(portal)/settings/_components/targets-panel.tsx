'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { fetchJson, ApiError, jsonBody } from '@/lib/api/fetch-json';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { type TargetDto, targetInputSchema } from '@/lib/schemas/targets';
import { TableHead } from '@/components/ui/table-head';

type Team = { id: string; name: string };

export function TargetsPanel({ initial, teams, canManage }: { initial: TargetDto[]; teams: Team[]; canManage: boolean }) {
  const qc = useQueryClient();
  const { data } = useQuery({
    queryKey: ['targets'],
    queryFn: () => fetchJson<{ targets: TargetDto[] }>('/api/v1/targets'),
    initialData: { targets: initial },
  });
  const remove = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/v1/targets/${id}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['targets'] }),
  });
  return (
    <div className="space-y-6">
      <table className="w-full text-left text-sm">
        <TableHead
          columns={[
            { label: 'Name' },
            { label: 'Account' },
            { label: 'Regions' },
            { label: 'Role' },
            { label: 'Teams' },
            ...(canManage ? [{ label: 'Actions', srOnly: true }] : []),
          ]}
        />
        <tbody>
          {data.targets.map((t) => (
            <tr key={t.id} className="border-t border-slate-100">
              <td className="py-2 font-medium">
                {t.name} {t.isSandbox && <Badge tone="warn">local sandbox</Badge>}
              </td>
              <td className="py-2 font-mono text-xs">{t.accountId}</td>
              <td className="py-2">{t.regions.join(', ')}</td>
              <td className="py-2 font-mono text-xs">{t.roleArn ?? '—'}</td>
              <td className="py-2">{t.isSandbox ? 'everyone' : t.teamIds.map((id) => teams.find((x) => x.id === id)?.name ?? id).join(', ') || '—'}</td>
              {canManage && (
                <td className="py-2 text-right">
                  {!t.isSandbox && (
                    <Button variant="secondary" onClick={() => remove.mutate(t.id)} aria-label={`Remove ${t.name}`}>
                      Remove
                    </Button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canManage ? (
        <RegisterTarget teams={teams} onDone={() => void qc.invalidateQueries({ queryKey: ['targets'] })} />
      ) : (
        <p className="text-xs text-slate-500">Platform admins register targets.</p>
      )}
    </div>
  );
}

function RegisterTarget({ teams, onDone }: { teams: Team[]; onDone: () => void }) {
  const [form, setForm] = useState({ name: '', accountId: '', regions: 'us-east-1', roleArn: '', serviceRoleArn: '', externalId: '', teamIds: [] as string[] });
  const create = useMutation({
    mutationFn: () =>
      fetchJson<TargetDto>('/api/v1/targets', {
        method: 'POST',
        json: jsonBody(targetInputSchema, {
          ...form,
          serviceRoleArn: form.serviceRoleArn || undefined,
          regions: form.regions
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
        }),
      }),
    onSuccess: () => {
      setForm({ name: '', accountId: '', regions: 'us-east-1', roleArn: '', serviceRoleArn: '', externalId: '', teamIds: [] });
      onDone();
    },
  });
  const fields = create.error instanceof ApiError ? (create.error.fields ?? {}) : {};
  const err = (k: string) => fields[k]?.[0] ?? Object.entries(fields).find(([f]) => f.startsWith(`${k}.`))?.[1][0] ?? null;
  const text = (k: 'name' | 'accountId' | 'regions' | 'roleArn' | 'serviceRoleArn' | 'externalId', label: string, help?: string, type = 'text') => (
    <Field id={`target-${k}`} label={label} help={help} error={err(k)}>
      <TextInput
        id={`target-${k}`}
        type={type}
        value={form[k]}
        aria-invalid={Boolean(err(k))}
        onChange={(e) => setForm({ ...form, [k]: e.target.value })}
        autoComplete="off"
      />
    </Field>
  );
  return (
    <form
      className="space-y-3 border-t border-slate-100 pt-4"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <h3 className="text-sm font-semibold">Register a target</h3>
      <p className="text-xs text-slate-500">Deploy infra/slipway-target-role.yaml in the account first; it creates the role Slipway assumes.</p>
      <div className="grid gap-3 md:grid-cols-3">
        {text('name', 'Name', 'lowercase, e.g. falcon-prod')}
        {text('accountId', 'Account id', '12 digits')}
        {text('regions', 'Regions', 'comma-separated')}
        {text('roleArn', 'Deployer role ARN', 'DeployerRoleArn output')}
        {text('serviceRoleArn', 'CloudFormation service role ARN', 'ServiceRoleArn output (optional)')}
        {text('externalId', 'External id', 'stored encrypted; never shown again', 'password')}
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Teams that may use it</legend>
          {teams.map((t) => (
            <label key={t.id} className="mr-3 inline-flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={form.teamIds.includes(t.id)}
                onChange={(e) => setForm({ ...form, teamIds: e.target.checked ? [...form.teamIds, t.id] : form.teamIds.filter((x) => x !== t.id) })}
              />
              {t.name}
            </label>
          ))}
        </fieldset>
      </div>
      {create.error && !(create.error instanceof ApiError && create.error.fields) && <Alert tone="error">{create.error.message}</Alert>}
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Registering…' : 'Register target'}
      </Button>
    </form>
  );
}
