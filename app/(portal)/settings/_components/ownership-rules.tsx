'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { fetchJson, ApiError, jsonBody } from '@/lib/api/fetch-json';
import { resourceAssignmentInputSchema, groupPrefixInputSchema } from '@/lib/schemas/tenancy';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { KafkaGroupPrefixDto, ResourceAssignmentDto, TeamRefDto } from '@/lib/tenancy/dto';

// Settings → Resource ownership: the rules that say which team owns what no launch created (per AWS
// target) and which team owns which consumer groups (per Kafka cluster). Admins edit their teams' rules.

function firstError(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError)) return null;
  return error.fields?.[field]?.[0] ?? null;
}

function generalError(error: unknown, fields: string[]): string | null {
  if (!error) return null;
  if (error instanceof ApiError && fields.some((f) => error.fields?.[f]?.length)) return null;
  return error instanceof Error ? error.message : String(error);
}

function TeamSelect({
  id,
  teams,
  value,
  onChange,
  error,
}: {
  id: string;
  teams: TeamRefDto[];
  value: string;
  onChange: (v: string) => void;
  error: string | null;
}) {
  return (
    <Field id={id} label="Team" error={error}>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={Boolean(error)}>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A list of rules, each with a Remove button for those the caller may delete, and the removal's error. */
function RuleList<R extends { id: string; canDelete: boolean }>({
  label,
  empty,
  rules,
  describe,
  removeLabel,
  remove,
}: {
  label: string;
  empty: string;
  rules: R[];
  describe: (rule: R) => ReactNode;
  removeLabel: (rule: R) => string;
  remove: { mutate: (id: string) => void; isPending: boolean; error: Error | null };
}) {
  return (
    <>
      {rules.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label={label}>
          {rules.map((rule) => (
            <li key={rule.id} className="flex items-center justify-between gap-2 py-1.5">
              <span className="min-w-0">{describe(rule)}</span>
              {rule.canDelete && (
                <Button variant="secondary" onClick={() => remove.mutate(rule.id)} disabled={remove.isPending} aria-label={removeLabel(rule)}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.error && <Alert tone="error">{remove.error.message}</Alert>}
    </>
  );
}

/** The add form of a rule list: its fields, a submit button, and an error no field explains. */
function RuleForm({
  label,
  columns,
  add,
  fields,
  submit,
  children,
}: {
  label: string;
  columns: string;
  add: { mutate: () => void; isPending: boolean; error: Error | null };
  fields: string[];
  submit: { label: string; disabled: boolean };
  children: ReactNode;
}) {
  const problem = generalError(add.error, fields);
  return (
    <>
      <form
        className={`grid gap-2 sm:items-end ${columns}`}
        aria-label={label}
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        {children}
        <Button type="submit" disabled={add.isPending || submit.disabled}>
          {add.isPending ? 'Adding…' : submit.label}
        </Button>
      </form>
      {problem && <Alert tone="error">{problem}</Alert>}
    </>
  );
}

/** Assignment rules of one target: a list, and (for admins) a form to add ARN-pattern or tag rules. */
export function TargetAssignments({
  target,
  initial,
  adminTeams,
}: {
  target: { id: string; name: string; accountId: string };
  initial: ResourceAssignmentDto[];
  adminTeams: TeamRefDto[];
}) {
  const qc = useQueryClient();
  const hydrated = useHydrated();
  const key = ['assignments', target.id];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<{ assignments: ResourceAssignmentDto[] }>(`/api/v1/targets/${target.id}/assignments`),
    initialData: { assignments: initial },
  });
  const [team, setTeam] = useState(adminTeams[0]?.id ?? '');
  const [kind, setKind] = useState<'arn-pattern' | 'tag'>('arn-pattern');
  const [pattern, setPattern] = useState('');
  const [tagKey, setTagKey] = useState('');
  const [tagValue, setTagValue] = useState('');
  const add = useMutation({
    mutationFn: () =>
      fetchJson<ResourceAssignmentDto>(`/api/v1/targets/${target.id}/assignments`, {
        method: 'POST',
        json: jsonBody(resourceAssignmentInputSchema, kind === 'tag' ? { team, kind, key: tagKey, value: tagValue } : { team, kind, pattern }),
      }),
    onSuccess: () => {
      setPattern('');
      setTagKey('');
      setTagValue('');
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/v1/targets/${target.id}/assignments/${id}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
  const prefix = `assign-${target.id}`;
  return (
    <section aria-labelledby={`${prefix}-heading`} className="space-y-3">
      <h3 id={`${prefix}-heading`} className="text-sm font-semibold text-slate-800">
        {target.name} <span className="font-normal text-slate-500">({target.accountId})</span>
      </h3>
      <RuleList
        label={`Assignment rules of ${target.name}`}
        empty="No rules: resources no launch created here are listed to the target's teams, readable by platform admins only."
        rules={data.assignments}
        describe={(a) => (
          <>
            <Badge>{a.team.slug}</Badge>{' '}
            {a.kind === 'tag' ? (
              <span>
                tag <code className="text-xs">{a.pattern}</code> = <code className="text-xs">{a.tagValue}</code>
              </span>
            ) : (
              <code className="break-all text-xs">{a.pattern}</code>
            )}
          </>
        )}
        removeLabel={(a) => `Remove rule ${a.pattern} of ${a.team.slug}`}
        remove={remove}
      />
      {adminTeams.length > 0 && (
        <RuleForm
          label={`Add an assignment rule to ${target.name}`}
          columns="sm:grid-cols-[10rem_9rem_1fr_auto]"
          add={add}
          fields={['team', 'pattern', 'key', 'value']}
          submit={{ label: 'Add rule', disabled: !team }}
        >
          <TeamSelect id={`${prefix}-team`} teams={adminTeams} value={team} onChange={setTeam} error={firstError(add.error, 'team')} />
          <Field id={`${prefix}-kind`} label="Rule">
            <Select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as 'arn-pattern' | 'tag')}>
              <option value="arn-pattern">ARN pattern</option>
              <option value="tag">Tag</option>
            </Select>
          </Field>
          {kind === 'arn-pattern' ? (
            <Field id={`${prefix}-pattern`} label="ARN pattern (* matches anything)" error={firstError(add.error, 'pattern')}>
              <TextInput
                id={`${prefix}-pattern`}
                value={pattern}
                onChange={(e) => setPattern(e.target.value)}
                placeholder={`arn:aws:states:*:${target.accountId}:stateMachine:orders-*`}
                aria-invalid={Boolean(firstError(add.error, 'pattern'))}
                disabled={!hydrated}
              />
            </Field>
          ) : (
            <div className="grid grid-cols-2 gap-2">
              <Field id={`${prefix}-key`} label="Tag key" error={firstError(add.error, 'key')}>
                <TextInput id={`${prefix}-key`} value={tagKey} onChange={(e) => setTagKey(e.target.value)} placeholder="team" disabled={!hydrated} />
              </Field>
              <Field id={`${prefix}-value`} label="Tag value" error={firstError(add.error, 'value')}>
                <TextInput id={`${prefix}-value`} value={tagValue} onChange={(e) => setTagValue(e.target.value)} placeholder="eagle" disabled={!hydrated} />
              </Field>
            </div>
          )}
        </RuleForm>
      )}
    </section>
  );
}

/** Consumer group prefixes of one Kafka cluster: a list, and (for admins) a form to add one. */
export function ClusterGroupPrefixes({
  cluster,
  initial,
  adminTeams,
}: {
  cluster: { id: string; name: string };
  initial: KafkaGroupPrefixDto[];
  adminTeams: TeamRefDto[];
}) {
  const qc = useQueryClient();
  const hydrated = useHydrated();
  const key = ['group-prefixes', cluster.id];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<{ prefixes: KafkaGroupPrefixDto[] }>(`/api/v1/kafka/clusters/${cluster.id}/group-prefixes`),
    initialData: { prefixes: initial },
  });
  const [team, setTeam] = useState(adminTeams[0]?.id ?? '');
  const [prefix, setPrefix] = useState('');
  const add = useMutation({
    mutationFn: () =>
      fetchJson<KafkaGroupPrefixDto>(`/api/v1/kafka/clusters/${cluster.id}/group-prefixes`, {
        method: 'POST',
        json: jsonBody(groupPrefixInputSchema, { team, prefix }),
      }),
    onSuccess: () => {
      setPrefix('');
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/v1/kafka/clusters/${cluster.id}/group-prefixes/${id}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
  const id = `prefix-${cluster.id}`;
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h3 id={`${id}-heading`} className="text-sm font-semibold text-slate-800">
        Kafka cluster {cluster.name}
      </h3>
      <RuleList
        label={`Group prefixes of ${cluster.name}`}
        empty="No prefixes: groups here belong to the cluster's own team, or to nobody on a shared cluster."
        rules={data.prefixes}
        describe={(p) => (
          <>
            <Badge>{p.team.slug}</Badge> owns groups starting with <code className="text-xs">{p.prefix}</code>
          </>
        )}
        removeLabel={(p) => `Remove prefix ${p.prefix}`}
        remove={remove}
      />
      {adminTeams.length > 0 && (
        <RuleForm
          label={`Add a group prefix to ${cluster.name}`}
          columns="sm:grid-cols-[10rem_1fr_auto]"
          add={add}
          fields={['team', 'prefix']}
          submit={{ label: 'Add prefix', disabled: !team }}
        >
          <TeamSelect id={`${id}-team`} teams={adminTeams} value={team} onChange={setTeam} error={firstError(add.error, 'team')} />
          <Field id={`${id}-prefix`} label="Group id prefix" error={firstError(add.error, 'prefix')}>
            <TextInput
              id={`${id}-prefix`}
              value={prefix}
              onChange={(e) => setPrefix(e.target.value)}
              placeholder="billing-"
              aria-invalid={Boolean(firstError(add.error, 'prefix'))}
              disabled={!hydrated}
            />
          </Field>
        </RuleForm>
      )}
    </section>
  );
}
