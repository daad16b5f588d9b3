'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { fetchJson, ApiError, jsonBody } from '@/lib/api/fetch-json';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { type TargetConnectionTestDto, type TargetDto, targetInputSchema, targetUpdateSchema } from '@/lib/schemas/targets';
import { TableHead } from '@/components/ui/table-head';
import { formatAgo } from '@/lib/kafka/format';
import { formatDateTime } from '@/lib/date-time';

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
  const [editing, setEditing] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, TargetConnectionTestDto | Error>>({});
  const test = useMutation({
    mutationFn: (id: string) => fetchJson<TargetConnectionTestDto>(`/api/v1/targets/${id}/test`, { method: 'POST' }),
    onSuccess: (result, id) => {
      setTests((all) => ({ ...all, [id]: result }));
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
    onError: (error, id) => setTests((all) => ({ ...all, [id]: error })),
  });
  const editedTarget = data.targets.find((t) => t.id === editing);
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
            { label: 'Last answered' },
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
              <td className="py-2">
                <TargetHealth target={t} test={tests[t.id]} />
              </td>
              {canManage && (
                <td className="space-x-2 whitespace-nowrap py-2 text-right">
                  <Button
                    variant="secondary"
                    onClick={() => test.mutate(t.id)}
                    disabled={test.isPending && test.variables === t.id}
                    aria-label={`Test the connection to ${t.name}`}
                  >
                    {test.isPending && test.variables === t.id ? 'Testing…' : 'Test'}
                  </Button>
                  <Button variant="secondary" onClick={() => setEditing(editing === t.id ? null : t.id)} aria-label={`Edit ${t.name}`}>
                    Edit
                  </Button>
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
      {canManage && editedTarget && (
        <EditTarget
          key={editedTarget.id}
          target={editedTarget}
          teams={teams}
          onDone={() => {
            setEditing(null);
            void qc.invalidateQueries({ queryKey: ['targets'] });
          }}
        />
      )}
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
        <TeamCheckboxes teams={teams} teamIds={form.teamIds} onChange={(teamIds) => setForm({ ...form, teamIds })} />
      </div>
      {create.error && !(create.error instanceof ApiError && create.error.fields) && <Alert tone="error">{create.error.message}</Alert>}
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Registering…' : 'Register target'}
      </Button>
    </form>
  );
}

/** When the target last answered, and the last test's failure; relative times only once hydrated (the server's clock is not the browser's). */
const TICK_MS = 15_000;
const subscribeToClock = (onChange: () => void) => {
  const timer = setInterval(onChange, TICK_MS);
  return () => clearInterval(timer);
};
// Rounded so consecutive reads agree (useSyncExternalStore needs a stable snapshot).
const readClock = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

function TargetHealth({ target, test }: { target: TargetDto; test?: TargetConnectionTestDto | Error }) {
  const now = useSyncExternalStore(subscribeToClock, readClock, () => null);
  const when = (iso: string) => (now === null ? formatDateTime(iso) : formatAgo(iso, Math.max(now, Date.parse(iso))));
  const failedTest = test instanceof Error ? test.message : test && !test.ok ? test.error : null;
  const lastError =
    failedTest ??
    (target.lastError && target.lastCheckedAt && (!target.lastAnsweredAt || target.lastCheckedAt >= target.lastAnsweredAt) ? target.lastError : null);
  return (
    <div className="space-y-1 text-xs" data-testid={`target-health-${target.name}`}>
      {target.lastAnsweredAt ? (
        <span title={formatDateTime(target.lastAnsweredAt, 'second')}>last answered {when(target.lastAnsweredAt)}</span>
      ) : (
        <span className="text-slate-500">never answered</span>
      )}
      {test && !(test instanceof Error) && test.ok && <Badge tone="good">connection ok</Badge>}
      {lastError && (
        <p className="text-red-700" role="status">
          Failed: {lastError}
        </p>
      )}
    </div>
  );
}

function EditTarget({ target, teams, onDone }: { target: TargetDto; teams: Team[]; onDone: () => void }) {
  const [form, setForm] = useState({
    roleArn: target.roleArn ?? '',
    serviceRoleArn: target.serviceRoleArn ?? '',
    regions: target.regions.join(', '),
    externalId: '',
    clearExternalId: false,
    teamIds: target.teamIds,
  });
  const save = useMutation({
    mutationFn: () =>
      fetchJson<TargetDto>(`/api/v1/targets/${target.id}`, {
        method: 'PATCH',
        json: jsonBody(targetUpdateSchema, {
          roleArn: form.roleArn.trim() || (target.isSandbox ? null : form.roleArn.trim()),
          serviceRoleArn: form.serviceRoleArn.trim() || null,
          regions: form.regions
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
          // Blank keeps the stored external id; only the explicit clear removes it.
          externalId: form.clearExternalId ? null : form.externalId,
          ...(target.isSandbox ? {} : { teamIds: form.teamIds }),
        }),
      }),
    onSuccess: onDone,
  });
  const fields = save.error instanceof ApiError ? (save.error.fields ?? {}) : {};
  const err = (k: string) => fields[k]?.[0] ?? Object.entries(fields).find(([f]) => f.startsWith(`${k}.`))?.[1][0] ?? null;
  const text = (k: 'roleArn' | 'serviceRoleArn' | 'regions' | 'externalId', label: string, help?: string, type = 'text') => (
    <Field id={`edit-target-${k}`} label={label} help={help} error={err(k)}>
      <TextInput
        id={`edit-target-${k}`}
        type={type}
        value={form[k]}
        aria-invalid={Boolean(err(k))}
        disabled={k === 'externalId' && form.clearExternalId}
        onChange={(e) => setForm({ ...form, [k]: e.target.value })}
        autoComplete="off"
      />
    </Field>
  );
  return (
    <form
      className="space-y-3 border-t border-slate-100 pt-4"
      aria-label={`Edit ${target.name}`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3 className="text-sm font-semibold">Edit {target.name}</h3>
      <div className="grid gap-3 md:grid-cols-3">
        {text('roleArn', 'Deployer role ARN', target.isSandbox ? 'optional on the sandbox' : `a role in account ${target.accountId}`)}
        {text('serviceRoleArn', 'CloudFormation service role ARN', 'optional; blank removes it')}
        {text('regions', 'Regions', 'comma-separated')}
        {text('externalId', 'New external id', target.hasExternalId ? 'one is set; leave blank to keep it' : 'none set', 'password')}
        <label className="inline-flex items-center gap-1 self-end text-sm">
          <input
            type="checkbox"
            checked={form.clearExternalId}
            disabled={!target.hasExternalId}
            onChange={(e) => setForm({ ...form, clearExternalId: e.target.checked, externalId: '' })}
          />
          Remove the external id
        </label>
        {!target.isSandbox && (
          <TeamCheckboxes teams={teams} teamIds={form.teamIds} onChange={(teamIds) => setForm({ ...form, teamIds })} error={err('teamIds')} />
        )}
      </div>
      {save.error && !(save.error instanceof ApiError && save.error.fields) && <Alert tone="error">{save.error.message}</Alert>}
      <div className="space-x-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save changes'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Which teams may use a target: one checkbox per team. */
function TeamCheckboxes({
  teams,
  teamIds,
  onChange,
  error,
}: {
  teams: { id: string; name: string }[];
  teamIds: string[];
  onChange: (teamIds: string[]) => void;
  error?: string | null;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Teams that may use it</legend>
      {teams.map((t) => (
        <label key={t.id} className="mr-3 inline-flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            checked={teamIds.includes(t.id)}
            onChange={(e) => onChange(e.target.checked ? [...teamIds, t.id] : teamIds.filter((x) => x !== t.id))}
          />
          {t.name}
        </label>
      ))}
      {error && <p className="text-xs text-red-700">{error}</p>}
    </fieldset>
  );
}
