'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ApiError, fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { launchRequestSchema } from '@/lib/schemas/launches';
import { validateParameterValue, validateStackName } from '@/lib/launch/parameters';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Select, TextInput } from '@/components/ui/field';
import { ParameterFields } from '../../_components/parameter-fields';
import { TagsEditor } from '../../_components/tags-editor';
import { ChangeSetTable } from '../../_components/change-set-table';
import type { TemplateParameterDto, TemplateParameterGroupDto } from '@/lib/blueprints/types';
import type { LaunchDetailDto, LaunchPreviewDto } from '@/lib/launch/types';

type Target = { id: string; name: string; accountId: string; regions: string[]; isSandbox: boolean; teamIds: string[] };
type Team = { id: string; slug: string; name: string; requiredTags: Record<string, string> };

export function LaunchForm(props: {
  blueprint: { slug: string; version: string; title: string; capabilities: string[] };
  parameters: TemplateParameterDto[];
  groups: TemplateParameterGroupDto[];
  targets: Target[];
  teams: Team[];
  defaults: { targetId: string; region: string; owner: string; stackName: string; sandboxParameters: Record<string, string> };
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [targetId, setTargetId] = useState(props.defaults.targetId);
  const target = props.targets.find((t) => t.id === targetId) ?? props.targets[0]!;
  const [region, setRegion] = useState(props.defaults.region);
  const eligibleTeams = props.teams.filter((t) => target.isSandbox || target.teamIds.includes(t.id));
  const [teamId, setTeamId] = useState(eligibleTeams[0]?.id ?? '');
  const team = eligibleTeams.find((t) => t.id === teamId) ?? eligibleTeams[0];
  const [stackName, setStackName] = useState(props.defaults.stackName);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.parameters.map((p) => [p.name, (target.isSandbox ? props.defaults.sandboxParameters[p.name] : undefined) ?? p.default ?? ''])),
  );
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [tags, setTags] = useState<[string, string][]>(() =>
    Object.entries(team?.requiredTags ?? {}).map(([k, v]) => [k, v || (k === 'owner' ? props.defaults.owner : '')]),
  );
  const [acknowledged, setAcknowledged] = useState(false);
  const [preview, setPreview] = useState<LaunchPreviewDto | null>(null);

  const request = {
    blueprint: props.blueprint.slug,
    version: props.blueprint.version,
    target: target.id,
    region,
    stackName,
    team: team?.id,
    parameters: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')),
    tags: Object.fromEntries(tags.filter(([k]) => k.trim() !== '')),
  };

  // Browser-side validation mirrors the server's (lib/launch/parameters.ts is shared).
  const clientErrors: Record<string, string> = {};
  for (const p of props.parameters) {
    const problem = validateParameterValue(p, values[p.name] === '' ? undefined : values[p.name]);
    if (problem) clientErrors[p.name] = problem;
  }
  const stackError = validateStackName(stackName);

  const previewMutation = useMutation({
    mutationFn: () => fetchJson<LaunchPreviewDto>('/api/v1/launches/preview', { method: 'POST', json: jsonBody(launchRequestSchema, request) }),
    onSuccess: (p) => {
      setPreview(p);
      setAcknowledged(p.capabilities.length === 0);
    },
  });
  const launchMutation = useMutation({
    mutationFn: () =>
      fetchJson<LaunchDetailDto>('/api/v1/launches', { method: 'POST', json: jsonBody(launchRequestSchema, { ...request, previewId: preview?.previewId }) }),
    onSuccess: (launch) => router.push(`/launches/${launch.id}`),
  });

  const serverFields = [previewMutation.error, launchMutation.error].find((e): e is ApiError => e instanceof ApiError && Boolean(e.fields))?.fields ?? {};
  const paramErrors: Record<string, string | undefined> = {};
  for (const p of props.parameters)
    paramErrors[p.name] = (touched.has(p.name) || previewMutation.isError ? clientErrors[p.name] : undefined) ?? serverFields[`parameters.${p.name}`]?.[0];
  const tagErrors = Object.fromEntries(
    Object.entries(serverFields)
      .filter(([k]) => k.startsWith('tags.'))
      .map(([k, v]) => [k, v[0]]),
  );
  const hasClientErrors = Object.keys(clientErrors).length > 0 || Boolean(stackError);
  const stale = () => setPreview(null);

  return (
    <form
      className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(new Set(props.parameters.map((p) => p.name)));
        if (!hasClientErrors) previewMutation.mutate();
      }}
      noValidate
    >
      {/* Disabled until hydrated: typing before React takes over the inputs would be lost. */}
      <fieldset disabled={!hydrated} className="contents">
        <div className="space-y-6">
          <Card title="1. Where">
            <div className="grid gap-4 md:grid-cols-3">
              <Field id="launch-target" label="Target" help={`Account ${target.accountId}`}>
                <Select
                  id="launch-target"
                  value={target.id}
                  onChange={(e) => (setTargetId(e.target.value), setRegion(props.targets.find((t) => t.id === e.target.value)?.regions[0] ?? region), stale())}
                >
                  {props.targets.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.isSandbox ? 'Sandbox' : t.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id="launch-region" label="Region" error={serverFields.region?.[0]}>
                <Select id="launch-region" value={region} onChange={(e) => (setRegion(e.target.value), stale())}>
                  {target.regions.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </Select>
              </Field>
              <Field id="launch-team" label="Team" error={serverFields.team?.[0]}>
                <Select
                  id="launch-team"
                  value={team?.id ?? ''}
                  onChange={(e) => {
                    const next = eligibleTeams.find((t) => t.id === e.target.value);
                    setTeamId(e.target.value);
                    if (next) setTags(Object.entries(next.requiredTags).map(([k, v]) => [k, v || (k === 'owner' ? props.defaults.owner : '')]));
                    stale();
                  }}
                >
                  {eligibleTeams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <div className="mt-4">
              <Field
                id="launch-stack-name"
                label="Stack name"
                help="Letters, digits and dashes; starts with a letter."
                error={(touched.has('__stack') ? stackError : null) ?? serverFields.stackName?.[0]}
              >
                <TextInput
                  id="launch-stack-name"
                  value={stackName}
                  aria-invalid={Boolean(touched.has('__stack') && stackError)}
                  onChange={(e) => (setStackName(e.target.value), stale())}
                  onBlur={() => setTouched((t) => new Set(t).add('__stack'))}
                />
              </Field>
            </div>
          </Card>
          <Card title="2. Parameters">
            <ParameterFields
              parameters={props.parameters}
              groups={props.groups}
              values={values}
              errors={paramErrors}
              onChange={(name, v) => {
                setValues((s) => ({ ...s, [name]: v }));
                setTouched((t) => new Set(t).add(name));
                stale();
              }}
              picker={{ targetId: target.id, region }}
            />
          </Card>
          <Card title="3. Tags">
            <p className="mb-3 text-xs text-slate-500">Stack tags propagate to the resources CloudFormation creates.</p>
            <TagsEditor required={Object.keys(team?.requiredTags ?? {})} tags={tags} errors={tagErrors} onChange={(t) => (setTags(t), stale())} />
          </Card>
        </div>
        <div className="space-y-6 xl:sticky xl:top-4 xl:self-start">
          <Card title="4. Preview">
            {!preview && (
              <div className="space-y-3">
                <p className="text-sm text-slate-600">
                  Slipway validates the parameters, uploads the blueprint’s code and asks CloudFormation for a change set. Nothing is created until you confirm.
                </p>
                <Button type="submit" disabled={previewMutation.isPending}>
                  {previewMutation.isPending ? 'Preparing the change set…' : 'Preview changes'}
                </Button>
              </div>
            )}
            {previewMutation.error &&
              !(
                previewMutation.error instanceof ApiError &&
                previewMutation.error.fields &&
                Object.keys(previewMutation.error.fields).some((k) => k.startsWith('parameters.'))
              ) && (
                <Alert tone="error" title="Preview failed" className="mt-3">
                  {previewMutation.error.message}
                </Alert>
              )}
            {preview && (
              <div className="space-y-4" data-testid="launch-preview">
                <ChangeSetTable changes={preview.changes} />
                {preview.costEstimate && (
                  <p className="text-sm">
                    Estimated cost:{' '}
                    <span className="font-semibold" data-testid="preview-cost">
                      {preview.costEstimate.summary}
                    </span>
                  </p>
                )}
                {preview.capabilities.length > 0 && (
                  <label className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
                    <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} className="mt-1" />
                    <span>
                      I acknowledge that this stack needs {preview.capabilities.join(', ')}: it creates IAM resources
                      {preview.capabilities.includes('CAPABILITY_NAMED_IAM') ? ' with custom names' : ''}.
                    </span>
                  </label>
                )}
                {launchMutation.error && (
                  <Alert tone="error" title="Launch failed">
                    {launchMutation.error.message}
                  </Alert>
                )}
                <div className="flex gap-2">
                  <Button onClick={() => launchMutation.mutate()} disabled={!acknowledged || launchMutation.isPending || launchMutation.isSuccess}>
                    {launchMutation.isPending || launchMutation.isSuccess ? 'Launching…' : `Launch ${preview.stackName}`}
                  </Button>
                  <Button variant="secondary" onClick={stale}>
                    Edit
                  </Button>
                </div>
              </div>
            )}
          </Card>
        </div>
      </fieldset>
    </form>
  );
}
