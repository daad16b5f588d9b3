'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { kafkaClusterRegistrationSchema } from '@/lib/schemas/kafka';
import type { z } from 'zod';
import type { KafkaClusterDto, KafkaConnectionTestDto } from '@/lib/kafka/dto';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput, inputClass } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';
import { CLUSTERS_QUERY_KEY, ConnectionTestResult } from './clusters-panel';

type TargetChoice = { id: string; name: string; regions: string[]; teamIds: string[]; isSandbox: boolean };
type Security = 'plaintext' | 'tls' | 'sasl-scram-sha-512' | 'sasl-plain';
type KafkaClusterRegistrationInput = z.input<typeof kafkaClusterRegistrationSchema>;

const EVERY_TEAM = '__every-team__';
const ARN_REGION = /^arn:aws[a-z-]*:kafka:([a-z0-9-]+):\d{12}:cluster\/[^/]+\/[^/]+$/;

const emptyForm = (clusterArn = '') => ({
  name: '',
  owner: '',
  source: (clusterArn ? 'msk' : 'self-managed') as 'msk' | 'self-managed',
  clusterArn,
  targetId: '',
  region: ARN_REGION.exec(clusterArn)?.[1] ?? '',
  network: 'private' as 'private' | 'public',
  brokers: '',
  security: 'plaintext' as Security,
  saslTls: true,
  username: '',
  password: '',
  caCertPem: '',
  clientCertPem: '',
  clientKeyPem: '',
});
type Form = ReturnType<typeof emptyForm>;

const SECURITY_OPTIONS: { value: Security; label: string; help: string }[] = [
  { value: 'plaintext', label: 'PLAINTEXT', help: 'No encryption or authentication (local and test clusters).' },
  { value: 'tls', label: 'TLS', help: 'Encrypted; optionally a CA to trust and a client certificate (mutual TLS).' },
  { value: 'sasl-scram-sha-512', label: 'SASL/SCRAM-SHA-512', help: 'Username and password, usually over TLS (MSK SCRAM, Confluent, Strimzi).' },
  { value: 'sasl-plain', label: 'SASL/PLAIN', help: 'Username and password sent as is: only over TLS.' },
];

/** The request body the API validates (lib/schemas/kafka.ts); empty optional fields are left out. */
function toRequestBody(form: Form): KafkaClusterRegistrationInput {
  const brokers = form.brokers.split(/[\s,]+/).filter(Boolean);
  const optional = (value: string) => (value.trim() ? value : undefined);
  const settings: KafkaClusterRegistrationInput['settings'] =
    form.source === 'msk'
      ? { kind: 'msk-iam', clusterArn: form.clusterArn, network: form.network }
      : form.security === 'plaintext'
        ? { kind: 'plaintext', brokers }
        : form.security === 'tls'
          ? { kind: 'tls', brokers, caCertPem: optional(form.caCertPem), clientCertPem: optional(form.clientCertPem) }
          : { kind: form.security, brokers, username: form.username, tls: form.saslTls, caCertPem: optional(form.caCertPem) };
  const secrets =
    form.source === 'msk'
      ? {}
      : {
          password: form.security.startsWith('sasl-') ? optional(form.password) : undefined,
          clientKeyPem: form.security === 'tls' ? optional(form.clientKeyPem) : undefined,
        };
  return {
    name: form.name,
    teamId: form.owner === EVERY_TEAM ? null : form.owner,
    settings,
    secrets,
    ...(form.source === 'msk' ? { targetId: form.targetId || undefined, region: form.region || undefined } : {}),
  };
}

/** Register an MSK (IAM) or self-managed cluster; field errors appear next to their fields, then the connection is tested. */
export function RegisterClusterForm({
  teams,
  canRegisterForEveryTeam,
  targets,
  initialArn,
}: {
  teams: { id: string; name: string }[];
  canRegisterForEveryTeam: boolean;
  targets: TargetChoice[];
  initialArn?: string;
}) {
  const qc = useQueryClient();
  const [form, setForm] = useState<Form>(() => emptyForm(initialArn));
  const [ownerError, setOwnerError] = useState<string | null>(null);
  const [registered, setRegistered] = useState<{ cluster: KafkaClusterDto; test: KafkaConnectionTestDto | null } | null>(null);
  const register = useMutation({
    mutationFn: async () => {
      const cluster = await fetchJson<KafkaClusterDto>('/api/v1/kafka/clusters', {
        method: 'POST',
        json: jsonBody(kafkaClusterRegistrationSchema, toRequestBody(form)),
      });
      setRegistered({ cluster, test: null });
      void qc.invalidateQueries({ queryKey: CLUSTERS_QUERY_KEY });
      // Register first, then say whether it can be reached: a cluster that is down today may be up tomorrow.
      const test = await fetchJson<KafkaConnectionTestDto>(`/api/v1/kafka/clusters/${cluster.id}/test`, { method: 'POST' }).catch((e: Error) => ({
        ok: false as const,
        reason: 'error' as const,
        message: e.message,
      }));
      setRegistered({ cluster, test });
      return cluster;
    },
    onSuccess: () => setForm(emptyForm()),
  });

  const fields = register.error instanceof ApiError ? (register.error.fields ?? {}) : {};
  const submittedBrokers = form.brokers.split(/[\s,]+/).filter(Boolean);
  const errorFor = (key: string) => {
    const hit = Object.entries(fields).find(([field]) => field === key || field.startsWith(`${key}.`));
    if (!hit) return null;
    // "settings.brokers.1" names the entry: say which one is wrong.
    const brokerIndex = /^settings\.brokers\.(\d+)$/.exec(hit[0])?.[1];
    const broker = brokerIndex === undefined ? undefined : submittedBrokers[Number(brokerIndex)];
    return broker ? `“${broker}”: ${hit[1][0]}` : (hit[1][0] ?? null);
  };
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const ownerTeamId = form.owner === EVERY_TEAM ? null : form.owner;
  const usableTargets = targets.filter((t) => t.isSandbox || ownerTeamId === null || t.teamIds.includes(ownerTeamId));
  const regions = targets.find((t) => t.id === form.targetId)?.regions ?? [];

  const text = (
    key: 'name' | 'clusterArn' | 'username' | 'password',
    label: string,
    error: string | null,
    props: { help?: ReactNode; type?: string; placeholder?: string; autoComplete?: string } = {},
  ) => (
    <Field id={`cluster-${key}`} label={label} help={props.help} error={error}>
      <TextInput
        id={`cluster-${key}`}
        type={props.type ?? 'text'}
        value={form[key]}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `cluster-${key}-error` : props.help ? `cluster-${key}-help` : undefined}
        onChange={(e) => {
          const value = e.target.value;
          if (key === 'clusterArn') setForm((f) => ({ ...f, clusterArn: value, region: ARN_REGION.exec(value.trim())?.[1] ?? f.region }));
          else set(key, value);
        }}
      />
    </Field>
  );
  const pem = (key: 'caCertPem' | 'clientCertPem' | 'clientKeyPem', label: string, error: string | null, help: string) => (
    <Field id={`cluster-${key}`} label={label} help={help} error={error}>
      <textarea
        id={`cluster-${key}`}
        rows={3}
        className={cn(inputClass, 'font-mono text-xs')}
        value={form[key]}
        placeholder="-----BEGIN ...-----"
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `cluster-${key}-error` : `cluster-${key}-help`}
        onChange={(e) => set(key, e.target.value)}
      />
    </Field>
  );

  return (
    <form
      className="space-y-4"
      aria-label="Register a Kafka cluster"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!form.owner) {
          setOwnerError('Choose the team that owns the cluster');
          return;
        }
        setOwnerError(null);
        setRegistered(null);
        register.mutate();
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
        {text('name', 'Name', errorFor('name'), { help: 'Shown in the portal, e.g. orders-prod', placeholder: 'orders-prod' })}
        <Field
          id="cluster-owner"
          label="Owner"
          help="Members of the owning team see the cluster; its developers may reset offsets."
          error={ownerError ?? errorFor('teamId')}
        >
          <Select
            id="cluster-owner"
            value={form.owner}
            aria-invalid={Boolean(ownerError ?? errorFor('teamId'))}
            aria-describedby={ownerError || errorFor('teamId') ? 'cluster-owner-error' : 'cluster-owner-help'}
            onChange={(e) => set('owner', e.target.value)}
          >
            <option value="">Choose a team…</option>
            {canRegisterForEveryTeam && <option value={EVERY_TEAM}>Every team</option>}
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Cluster type</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {(
            [
              ['msk', 'Amazon MSK with IAM authentication'],
              ['self-managed', 'Self-managed (any Kafka with reachable brokers)'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="inline-flex items-center gap-2 text-sm">
              <input type="radio" name="cluster-source" value={value} checked={form.source === value} onChange={() => set('source', value)} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>

      {form.source === 'msk' ? (
        <div className="grid gap-4 md:grid-cols-2">
          {text('clusterArn', 'Cluster ARN', errorFor('settings.clusterArn'), {
            help: 'arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>',
            placeholder: 'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/…',
          })}
          <Field
            id="cluster-target"
            label="AWS target"
            help="Its credentials sign the IAM tokens and look up the bootstrap brokers."
            error={errorFor('targetId')}
          >
            <Select
              id="cluster-target"
              value={form.targetId}
              aria-invalid={Boolean(errorFor('targetId'))}
              aria-describedby={errorFor('targetId') ? 'cluster-target-error' : 'cluster-target-help'}
              onChange={(e) => {
                const target = targets.find((t) => t.id === e.target.value);
                setForm((f) => ({
                  ...f,
                  targetId: e.target.value,
                  region: target && !target.regions.includes(f.region) ? (target.regions[0] ?? '') : f.region,
                }));
              }}
            >
              <option value="">Choose a target…</option>
              {usableTargets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="cluster-region" label="Region" help="Read from the ARN; the target must allow it." error={errorFor('region')}>
            <Select
              id="cluster-region"
              value={form.region}
              aria-invalid={Boolean(errorFor('region'))}
              aria-describedby={errorFor('region') ? 'cluster-region-error' : 'cluster-region-help'}
              onChange={(e) => set('region', e.target.value)}
            >
              <option value="">{regions.length ? 'Choose a region…' : 'Choose a target first'}</option>
              {[...new Set([...regions, ...(form.region ? [form.region] : [])])].map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Network</legend>
            <div className="mt-1 flex gap-4 text-sm">
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="cluster-network" checked={form.network === 'private'} onChange={() => set('network', 'private')} /> Private (portal
                runs in the VPC)
              </label>
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="cluster-network" checked={form.network === 'public'} onChange={() => set('network', 'public')} /> Public access
              </label>
            </div>
          </fieldset>
        </div>
      ) : (
        <div className="space-y-4">
          <Field
            id="cluster-brokers"
            label="Bootstrap brokers"
            help="host:port, separated by commas or new lines. Metadata and link-local addresses are refused; loopback and private ones only work where the portal allows them."
            error={errorFor('settings.brokers')}
          >
            <textarea
              id="cluster-brokers"
              rows={2}
              className={cn(inputClass, 'font-mono text-xs')}
              value={form.brokers}
              placeholder="b-1.kafka.internal:9096, b-2.kafka.internal:9096"
              aria-invalid={Boolean(errorFor('settings.brokers'))}
              aria-describedby={errorFor('settings.brokers') ? 'cluster-brokers-error' : 'cluster-brokers-help'}
              onChange={(e) => set('brokers', e.target.value)}
            />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Security protocol</legend>
            <div className="mt-1 grid gap-2 md:grid-cols-2">
              {SECURITY_OPTIONS.map((option) => (
                <label key={option.value} className="flex items-start gap-2 rounded-md p-2 text-sm ring-1 ring-slate-200">
                  <input
                    type="radio"
                    name="cluster-security"
                    className="mt-1"
                    checked={form.security === option.value}
                    onChange={() => set('security', option.value)}
                  />
                  <span>
                    <span className="font-medium">{option.label}</span>
                    <span className="block text-xs text-slate-500">{option.help}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {form.security.startsWith('sasl-') && (
            <div className="grid gap-4 md:grid-cols-2">
              {text('username', 'Username', errorFor('settings.username'))}
              {text('password', 'Password', errorFor('secrets.password'), {
                type: 'password',
                help: 'Stored encrypted; never shown again.',
                autoComplete: 'new-password',
              })}
              <label className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" checked={form.saslTls} onChange={(e) => set('saslTls', e.target.checked)} /> Connect over TLS
              </label>
            </div>
          )}
          {(form.security === 'tls' || (form.security.startsWith('sasl-') && form.saslTls)) && (
            <div className="grid gap-4 md:grid-cols-2">
              {pem('caCertPem', 'CA certificate (optional)', errorFor('settings.caCertPem'), 'PEM; leave empty to trust the system CAs.')}
              {form.security === 'tls' && pem('clientCertPem', 'Client certificate (optional)', errorFor('settings.clientCertPem'), 'PEM, for mutual TLS.')}
              {form.security === 'tls' &&
                pem('clientKeyPem', 'Client private key', errorFor('secrets.clientKeyPem'), 'PEM; required with a client certificate. Stored encrypted.')}
            </div>
          )}
        </div>
      )}

      {register.error && !(register.error instanceof ApiError && register.error.fields) && <Alert tone="error">{register.error.message}</Alert>}
      {register.error instanceof ApiError && register.error.fields && <Alert tone="error">Some fields need attention: see the messages next to them.</Alert>}
      <Button type="submit" disabled={register.isPending}>
        {register.isPending ? (registered ? 'Testing the connection…' : 'Registering…') : 'Register cluster'}
      </Button>
      <div aria-live="polite" className="space-y-2">
        {registered && (
          <Alert tone="success">
            Registered <strong>{registered.cluster.name}</strong>. The worker will start sampling it within one interval.
          </Alert>
        )}
        {registered?.test && <ConnectionTestResult result={registered.test} />}
      </div>
    </form>
  );
}
