'use client';

import { useRouter } from 'next/navigation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { memberAddSchema, memberRoleSchema, requiredTagsInputSchema, teamRenameSchema, type TeamDto, type TeamMemberDto } from '@/lib/schemas/teams';
import type { RequiredTagRule } from '@/lib/launches/tags';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { Field, Select, TextInput } from '@/components/ui/field';
import { TableHead } from '@/components/ui/table-head';

const ROLES = ['viewer', 'developer', 'admin'] as const;
type Role = (typeof ROLES)[number];

const fieldError = (error: unknown, field: string) => (error instanceof ApiError ? (error.fields?.[field]?.[0] ?? null) : null);
/** The message no field shows: the error's own when it names no field, or when its field is not on the form. */
const generalError = (error: unknown, fields: string[]) =>
  !error ? null : error instanceof ApiError && fields.some((f) => error.fields?.[f]?.length) ? null : error instanceof Error ? error.message : String(error);

/** The team's settings: name and archiving (platform admins), members, required tags. */
export function TeamSettings({ team, initialMembers, isPlatformAdmin }: { team: TeamDto; initialMembers: TeamMemberDto[]; isPlatformAdmin: boolean }) {
  const archived = team.archivedAt !== null;
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      {isPlatformAdmin && <TeamIdentity team={team} />}
      <Members team={team} initial={initialMembers} archived={archived} />
      <RequiredTags team={team} archived={archived} />
    </div>
  );
}

function TeamIdentity({ team }: { team: TeamDto }) {
  const router = useRouter();
  const [name, setName] = useState(team.name);
  const [confirming, setConfirming] = useState(false);
  const rename = useMutation({
    mutationFn: () => fetchJson<TeamDto>(`/api/v1/teams/${team.id}`, { method: 'PATCH', json: jsonBody(teamRenameSchema, { name }) }),
    onSuccess: () => router.refresh(),
  });
  const archive = useMutation({
    mutationFn: () => fetchJson<TeamDto>(`/api/v1/teams/${team.id}/archive`, { method: 'POST' }),
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  return (
    <Card title="Team" className="xl:col-span-2">
      <form
        aria-label="Rename the team"
        className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate();
        }}
      >
        <Field id="team-rename" label="Name" help={`The slug ${team.slug} stays as it is.`} error={fieldError(rename.error, 'name')}>
          <TextInput id="team-rename" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(fieldError(rename.error, 'name'))} />
        </Field>
        <Button type="submit" disabled={rename.isPending || name.trim() === team.name}>
          {rename.isPending ? 'Saving…' : 'Rename'}
        </Button>
      </form>
      {generalError(rename.error, ['name']) && <Alert tone="error">{generalError(rename.error, ['name'])}</Alert>}
      {rename.isSuccess && !rename.isPending && (
        <p className="mt-2 text-sm text-emerald-700" role="status">
          Renamed.
        </p>
      )}
      {!team.archivedAt && (
        <div className="mt-4 flex items-center justify-between gap-3 border-t border-slate-100 pt-4">
          <p className="text-sm text-slate-600">
            Archiving hides the team from every picker and stops it launching. It needs every launch of the team deleted first.
          </p>
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Archive team
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Archive team ${team.slug}?`}
        confirmLabel="Archive"
        pendingLabel="Archiving…"
        isPending={archive.isPending}
        error={archive.error?.message ?? null}
        onConfirm={() => archive.mutate()}
        onCancel={() => (setConfirming(false), archive.reset())}
      >
        Its members keep their memberships but can no longer launch for it. Its launches and audit entries stay readable.
      </ConfirmDialog>
    </Card>
  );
}

function Members({ team, initial, archived }: { team: TeamDto; initial: TeamMemberDto[]; archived: boolean }) {
  const qc = useQueryClient();
  const key = ['team-members', team.id];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<{ members: TeamMemberDto[] }>(`/api/v1/teams/${team.id}/members`),
    initialData: { members: initial },
  });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const refresh = () => void qc.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: () => fetchJson<TeamMemberDto>(`/api/v1/teams/${team.id}/members`, { method: 'POST', json: jsonBody(memberAddSchema, { email, role }) }),
    onSuccess: () => (setEmail(''), refresh()),
  });
  const change = useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) =>
      fetchJson<TeamMemberDto>(`/api/v1/teams/${team.id}/members/${id}`, { method: 'PATCH', json: jsonBody(memberRoleSchema, { role }) }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/v1/teams/${team.id}/members/${id}`, { method: 'DELETE' }),
    onSettled: refresh,
  });
  const idp = data.members.filter((m) => m.source === 'idp');
  const local = data.members.filter((m) => m.source === 'local');
  const actionError = change.error?.message ?? remove.error?.message ?? null;
  return (
    <Card title="Members" className="xl:col-span-2">
      <section aria-labelledby="idp-members" className="mb-6">
        <h2 id="idp-members" className="text-sm font-semibold text-slate-800">
          From the identity provider
        </h2>
        <p className="mb-2 text-xs text-slate-500">
          Read-only here: these come from the IdP groups each person had at their last sign-in and are replaced at the next one. Change them in the identity
          provider.
        </p>
        {idp.length === 0 ? (
          <p className="text-sm text-slate-500">No member comes from the identity provider.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Members from the identity provider">
            <TableHead columns={[{ label: 'Member' }, { label: 'Role' }, { label: 'IdP group' }]} />
            <tbody>
              {idp.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="py-1.5 pr-3">
                    {m.name} <span className="text-slate-500">({m.email})</span>
                  </td>
                  <td className="py-1.5 pr-3">{m.role}</td>
                  <td className="py-1.5 font-mono text-xs">{m.idpGroup ?? 'unknown'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="local-members" className="space-y-3">
        <h2 id="local-members" className="text-sm font-semibold text-slate-800">
          Added by an admin
        </h2>
        {local.length === 0 ? (
          <p className="text-sm text-slate-500">Nobody was added by hand.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Members added by an admin">
            <TableHead columns={[{ label: 'Member' }, { label: 'Role' }, { label: 'Actions', srOnly: true }]} />
            <tbody>
              {local.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="py-1.5 pr-3">
                    {m.name} <span className="text-slate-500">({m.email})</span>
                  </td>
                  <td className="py-1.5 pr-3">
                    <Select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      disabled={archived || change.isPending}
                      className="w-36"
                      onChange={(e) => change.mutate({ id: m.id, role: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </Select>
                  </td>
                  <td className="py-1.5 text-right">
                    <Button variant="ghost" aria-label={`Remove ${m.email}`} disabled={remove.isPending} onClick={() => remove.mutate(m.id)}>
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {actionError && <Alert tone="error">{actionError}</Alert>}
        {!archived && (
          <form
            aria-label="Add a member"
            className="grid gap-3 border-t border-slate-100 pt-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
          >
            <Field id="member-email" label="E-mail" help="Someone who has signed in to Slipway at least once." error={fieldError(add.error, 'email')}>
              <TextInput
                id="member-email"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={Boolean(fieldError(add.error, 'email'))}
              />
            </Field>
            <Field id="member-role" label="Role" error={fieldError(add.error, 'role')}>
              <Select id="member-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </Select>
            </Field>
            <Button type="submit" disabled={add.isPending || email.trim() === ''}>
              {add.isPending ? 'Adding…' : 'Add member'}
            </Button>
          </form>
        )}
        {generalError(add.error, ['email', 'role']) && <Alert tone="error">{generalError(add.error, ['email', 'role'])}</Alert>}
      </section>
    </Card>
  );
}

/** A rule as the form edits it: the kind of constraint picked, and text fields. */
type RuleRow = { key: string; kind: 'any' | 'values' | 'pattern'; values: string; pattern: string; default: string };

const toRow = (r: RequiredTagRule): RuleRow => ({
  key: r.key,
  kind: r.allowedValues ? 'values' : r.pattern !== undefined ? 'pattern' : 'any',
  values: (r.allowedValues ?? []).join(', '),
  pattern: r.pattern ?? '',
  default: r.default ?? '',
});

const toRule = (row: RuleRow): RequiredTagRule => ({
  key: row.key.trim(),
  ...(row.kind === 'values'
    ? {
        allowedValues: row.values
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      }
    : {}),
  ...(row.kind === 'pattern' ? { pattern: row.pattern } : {}),
  ...(row.default.trim() ? { default: row.default.trim() } : {}),
});

function RequiredTags({ team, archived }: { team: TeamDto; archived: boolean }) {
  const router = useRouter();
  const [rows, setRows] = useState<RuleRow[]>(() => team.requiredTags.map(toRow));
  const save = useMutation({
    mutationFn: () =>
      fetchJson<TeamDto>(`/api/v1/teams/${team.id}/required-tags`, { method: 'PUT', json: jsonBody(requiredTagsInputSchema, { tags: rows.map(toRule) }) }),
    onSuccess: () => router.refresh(),
  });
  const set = (i: number, patch: Partial<RuleRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const err = (i: number, field: string) => fieldError(save.error, `tags.${i}.${field}`);
  const rowFields = rows.flatMap((_, i) => ['key', 'allowedValues', 'pattern', 'default'].map((f) => `tags.${i}.${f}`));
  return (
    <Card title="Required launch tags" className="xl:col-span-2">
      <p className="mb-3 text-sm text-slate-600">
        Every launch of {team.name} carries these stack tags (CloudFormation passes them to what it creates). A tag may be limited to a list of values or to a
        pattern, a regular expression the whole value must match; <code>owner</code> without a default is the launcher&apos;s e-mail.
      </p>
      <form
        aria-label="Required launch tags"
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {rows.length === 0 && <p className="text-sm text-slate-500">No required tags: launches carry only the tags their launcher adds.</p>}
        {rows.map((row, i) => (
          <fieldset key={i} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[10rem_9rem_1fr_10rem_auto] sm:items-end">
            <legend className="sr-only">Required tag {i + 1}</legend>
            <Field id={`rt-key-${i}`} label="Key" error={err(i, 'key')}>
              <TextInput id={`rt-key-${i}`} value={row.key} disabled={archived} onChange={(e) => set(i, { key: e.target.value })} />
            </Field>
            <Field id={`rt-kind-${i}`} label="Values">
              <Select id={`rt-kind-${i}`} value={row.kind} disabled={archived} onChange={(e) => set(i, { kind: e.target.value as RuleRow['kind'] })}>
                <option value="any">any value</option>
                <option value="values">one of a list</option>
                <option value="pattern">matching a pattern</option>
              </Select>
            </Field>
            {row.kind === 'values' ? (
              <Field id={`rt-values-${i}`} label="Allowed values" help="Separated by commas." error={err(i, 'allowedValues')}>
                <TextInput id={`rt-values-${i}`} value={row.values} disabled={archived} onChange={(e) => set(i, { values: e.target.value })} />
              </Field>
            ) : row.kind === 'pattern' ? (
              <Field id={`rt-pattern-${i}`} label="Pattern" help="Matched against the whole value." error={err(i, 'pattern')}>
                <TextInput
                  id={`rt-pattern-${i}`}
                  value={row.pattern}
                  disabled={archived}
                  className="font-mono"
                  onChange={(e) => set(i, { pattern: e.target.value })}
                />
              </Field>
            ) : (
              <span />
            )}
            <Field id={`rt-default-${i}`} label="Default" error={err(i, 'default')}>
              <TextInput id={`rt-default-${i}`} value={row.default} disabled={archived} onChange={(e) => set(i, { default: e.target.value })} />
            </Field>
            <Button
              variant="ghost"
              disabled={archived}
              aria-label={`Remove required tag ${row.key || i + 1}`}
              onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
            >
              Remove
            </Button>
          </fieldset>
        ))}
        {!archived && (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setRows((rs) => [...rs, { key: '', kind: 'any', values: '', pattern: '', default: '' }])}>
              Add required tag
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save required tags'}
            </Button>
          </div>
        )}
        {save.isSuccess && !save.isPending && (
          <p className="text-sm text-emerald-700" role="status">
            Saved. New launches and updates follow these rules.
          </p>
        )}
        {generalError(save.error, rowFields) && <Alert tone="error">{generalError(save.error, rowFields)}</Alert>}
      </form>
    </Card>
  );
}
