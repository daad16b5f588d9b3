'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ApiError, fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { launchRequestSchema } from '@/lib/schemas/launches';
import { launchFormErrors, mergeFieldErrors } from '@/lib/launches/form-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Select, TextInput } from '@/components/ui/field';
import { ParameterFields } from '../../_components/parameter-fields';
import { TagsEditor, tagValueId } from '../../_components/tags-editor';
import { ChangeSetTable } from '../../_components/change-set-table';
import { FunctionBuilds } from '../../_components/function-builds';
import type { TemplateParameterDto, TemplateParameterGroupDto } from '@/lib/blueprints/types';
import type { RequiredTagRule } from '@/lib/launches/tags';
import type { LaunchBuildProgressDto, LaunchDetailDto, LaunchPreviewDto } from '@/lib/launches/dto';

type Target = { id: string; name: string; accountId: string; regions: string[]; isSandbox: boolean; teamIds: string[] };
type Team = { id: string; slug: string; name: string; requiredTags: RequiredTagRule[] };

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
  // Field keys as the API names them (stackName, parameters.X, tags.X): a field shows its problem once
  // it was edited, and every field does after a submit.
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // Fields edited since the last submit: what the server said about them no longer applies.
  const [editedSinceSubmit, setEditedSinceSubmit] = useState<Set<string>>(new Set());
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const initialTags = (rules: RequiredTagRule[]): [string, string][] => rules.map((r) => [r.key, r.default || (r.key === 'owner' ? props.defaults.owner : '')]);
  const [tags, setTags] = useState<[string, string][]>(() => initialTags(team?.requiredTags ?? []));
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

  // Browser-side validation mirrors the server's (lib/launches/parameters.ts and tags.ts are shared).
  const clientErrors = launchFormErrors({
    stackName,
    parameters: props.parameters,
    values,
    requiredTags: team?.requiredTags ?? [],
    tags,
    owner: props.defaults.owner,
  });
  const touch = (key: string) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));
  const edited = (...keys: string[]) => setEditedSinceSubmit((e) => (keys.every((k) => e.has(k)) ? e : new Set([...e, ...keys])));

  // The preview request builds the functions before it answers; meanwhile the builds are followed on
  // the launch it claims (the newest of this stack name; one that was there before is not this one).
  const progressUrl = `/api/v1/launches/build-progress?${new URLSearchParams({ target: target.id, region, stackName })}`;
  const [earlierLaunchId, setEarlierLaunchId] = useState<string | null | undefined>(undefined);
  const previewMutation = useMutation({
    mutationFn: async () => {
      setEarlierLaunchId((await fetchJson<LaunchBuildProgressDto>(progressUrl).catch(() => null))?.launchId ?? null);
      return fetchJson<LaunchPreviewDto>('/api/v1/launches/preview', { method: 'POST', json: jsonBody(launchRequestSchema, request) });
    },
    onSuccess: (p) => {
      setPreview(p);
      setAcknowledged(p.capabilities.length === 0);
    },
    // A field the server refused (a name already in use) gets the focus like one the browser refused;
    // a build that failed shows as such, read once more from the launch.
    onError: () => (setFocusRequest((n) => n + 1), void buildProgress.refetch()),
  });
  const buildProgress = useQuery({
    queryKey: ['launch-build-progress', progressUrl, earlierLaunchId],
    queryFn: () => fetchJson<LaunchBuildProgressDto>(progressUrl),
    enabled: earlierLaunchId !== undefined && (previewMutation.isPending || previewMutation.isError),
    refetchInterval: previewMutation.isPending ? 1000 : false,
  });
  const liveBuilds =
    buildProgress.data && buildProgress.data.launchId !== earlierLaunchId && (previewMutation.isPending || previewMutation.isError)
      ? buildProgress.data.builds
      : [];
  const launchMutation = useMutation({
    mutationFn: () =>
      fetchJson<LaunchDetailDto>('/api/v1/launches', { method: 'POST', json: jsonBody(launchRequestSchema, { ...request, previewId: preview?.previewId }) }),
    onSuccess: (launch) => router.push(`/launches/${launch.id}`),
  });

  const serverFields = [previewMutation.error, launchMutation.error].find((e): e is ApiError => e instanceof ApiError && Boolean(e.fields))?.fields;
  const visibleClientErrors = Object.fromEntries(Object.entries(clientErrors).filter(([key]) => submitted || touched.has(key)));
  const errors = mergeFieldErrors(
    visibleClientErrors,
    serverFields && Object.fromEntries(Object.entries(serverFields).filter(([key]) => !editedSinceSubmit.has(key))),
  );
  const paramErrors = Object.fromEntries(props.parameters.map((p) => [p.name, errors[`parameters.${p.name}`]]));
  const tagErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith('tags.')));
  const summary = summaryOf(errors, { parameters: props.parameters, groups: props.groups, tags });

  // After a refused submit, the first field with a problem gets the focus (its message is announced with it).
  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const stale = () => setPreview(null);

  return (
    <form
      ref={formRef}
      className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        setEditedSinceSubmit(new Set());
        if (Object.keys(clientErrors).length > 0) setFocusRequest((n) => n + 1);
        else previewMutation.mutate();
      }}
      noValidate
    >
      {submitted && summary.length > 0 && (
        <div className="xl:col-span-2" data-testid="launch-error-summary">
          <Alert
            tone="error"
            title={summary.length === 1 ? 'One field needs a change before the preview' : `${summary.length} fields need a change before the preview`}
          >
            <ul className="list-disc space-y-0.5 pl-5">
              {summary.map((item) => (
                <li key={item.key}>
                  {item.fieldId ? (
                    <a
                      href={`#${item.fieldId}`}
                      className="underline"
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(item.fieldId!)?.focus();
                      }}
                    >
                      {item.label}
                    </a>
                  ) : (
                    item.label
                  )}
                  : {item.message}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
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
              <Field id="launch-region" label="Region" error={errors.region}>
                <Select
                  id="launch-region"
                  value={region}
                  {...invalidProps('launch-region', errors.region)}
                  onChange={(e) => (setRegion(e.target.value), edited('region'), stale())}
                >
                  {target.regions.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </Select>
              </Field>
              <Field id="launch-team" label="Team" error={errors.team}>
                <Select
                  id="launch-team"
                  value={team?.id ?? ''}
                  {...invalidProps('launch-team', errors.team)}
                  onChange={(e) => {
                    const next = eligibleTeams.find((t) => t.id === e.target.value);
                    setTeamId(e.target.value);
                    edited('team');
                    if (next) setTags(initialTags(next.requiredTags));
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
              <Field id="launch-stack-name" label="Stack name" help="Letters, digits and dashes; starts with a letter." error={errors.stackName}>
                <TextInput
                  id="launch-stack-name"
                  value={stackName}
                  {...invalidProps('launch-stack-name', errors.stackName, true)}
                  onChange={(e) => (setStackName(e.target.value), edited('stackName'), stale())}
                  onBlur={() => touch('stackName')}
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
                touch(`parameters.${name}`);
                edited(`parameters.${name}`);
                stale();
              }}
              picker={{ targetId: target.id, region }}
            />
          </Card>
          <Card title="3. Tags">
            <p className="mb-3 text-xs text-slate-500">Stack tags propagate to the resources CloudFormation creates.</p>
            <TagsEditor
              required={team?.requiredTags ?? []}
              tags={tags}
              errors={tagErrors}
              onChange={(t) => (setTags(t), edited(...t.map(([k]) => `tags.${k}`)), stale())}
            />
          </Card>
        </div>
        <div className="space-y-6 xl:sticky xl:top-4 xl:self-start">
          <Card title="4. Preview">
            {!preview && (
              <div className="space-y-3">
                <p className="text-sm text-slate-600">
                  Slipway validates the parameters, builds the blueprint’s function code, uploads it and asks CloudFormation for a change set. Nothing is
                  created until you confirm.
                </p>
                <Button type="submit" disabled={previewMutation.isPending}>
                  {previewMutation.isPending ? 'Building functions and preparing the change set…' : 'Preview changes'}
                </Button>
                {liveBuilds.length > 0 && <FunctionBuilds builds={liveBuilds} live />}
              </div>
            )}
            {previewMutation.error &&
              !(previewMutation.error instanceof ApiError && previewMutation.error.fields && Object.keys(previewMutation.error.fields).length) && (
                <Alert tone="error" title={liveBuilds.some((b) => b.status === 'failed') ? 'Build failed' : 'Preview failed'} className="mt-3">
                  {previewMutation.error.message}
                </Alert>
              )}
            {preview && (
              <div className="space-y-4" data-testid="launch-preview">
                {preview.builds.length > 0 && (
                  <div className="text-sm" data-testid="preview-builds">
                    <p className="font-medium">Function builds</p>
                    <ul className="mt-1 space-y-0.5 text-slate-600">
                      {preview.builds.map((b) => (
                        <li key={b.functionId}>
                          {b.functionId} ({b.runtime}, {b.tool}):{' '}
                          {b.cached ? 'unchanged, from the build cache' : `built in ${(b.durationMs / 1000).toFixed(1)} s`}, {(b.sizeBytes / 1024).toFixed(0)}{' '}
                          KiB
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
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

/** aria-invalid and aria-describedby for a control whose Field shows `error` (else its help text, when it has one). */
function invalidProps(id: string, error: string | undefined, hasHelp = false) {
  return { 'aria-invalid': Boolean(error), 'aria-describedby': error ? `${id}-error` : hasHelp ? `${id}-help` : undefined };
}

type SummaryItem = { key: string; label: string; message: string; fieldId: string | null };

/** The error summary's rows in the order the fields appear on the page, each linking to its field. */
function summaryOf(
  errors: Record<string, string>,
  form: { parameters: TemplateParameterDto[]; groups: TemplateParameterGroupDto[]; tags: [string, string][] },
): SummaryItem[] {
  const grouped = new Set(form.groups.flatMap((g) => g.parameters));
  const parameterOrder = [...form.groups.flatMap((g) => g.parameters), ...form.parameters.filter((p) => !grouped.has(p.name)).map((p) => p.name)];
  const byName = new Map(form.parameters.map((p) => [p.name, p]));
  const known: Omit<SummaryItem, 'message'>[] = [
    { key: 'region', label: 'Region', fieldId: 'launch-region' },
    { key: 'team', label: 'Team', fieldId: 'launch-team' },
    { key: 'stackName', label: 'Stack name', fieldId: 'launch-stack-name' },
    ...parameterOrder.map((name) => ({ key: `parameters.${name}`, label: byName.get(name)?.label ?? name, fieldId: `param-${name}` })),
    ...form.tags.map(([k], i) => ({ key: `tags.${k}`, label: `Tag ${k}`, fieldId: tagValueId(i) })),
  ];
  const items: SummaryItem[] = known.filter((f) => errors[f.key]).map((f) => ({ ...f, message: errors[f.key]! }));
  const listed = new Set(items.map((i) => i.key));
  for (const [key, message] of Object.entries(errors)) if (!listed.has(key)) items.push({ key, label: key, message, fieldId: null });
  return items;
}
