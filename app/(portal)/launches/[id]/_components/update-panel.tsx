'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { launchUpdateSchema } from '@/lib/schemas/launches';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Select } from '@/components/ui/field';
import { ParameterFields } from '../../_components/parameter-fields';
import { ChangeSetTable } from '../../_components/change-set-table';
import type { ActionAvailability } from '@/lib/launches/actions';
import type { LaunchDetailDto, LaunchPreviewDto } from '@/lib/launches/dto';
import type { TemplateParameterDto, TemplateParameterGroupDto } from '@/lib/blueprints/types';

/** Change parameters or move to the newest version, through the same change-set preview as a launch. */
export function UpdatePanel({
  launch,
  availability,
  form,
  onDone,
}: {
  launch: LaunchDetailDto;
  /** From launchActions(): the panel is only shown when updating is possible now or once CloudFormation finishes. */
  availability: ActionAvailability;
  form: { parameters: TemplateParameterDto[]; groups: TemplateParameterGroupDto[]; latestVersion: string };
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(form.parameters.map((p) => [p.name, p.noEcho ? '' : (launch.parameters[p.name] ?? p.default ?? '')])),
  );
  const [version, setVersion] = useState<'current' | 'latest'>('current');
  const [preview, setPreview] = useState<LaunchPreviewDto | null>(null);
  const body = (dryRun: boolean) => ({
    dryRun,
    version: version === 'latest' ? 'latest' : undefined,
    // Only changed values are sent; empty secrets keep their deployed value.
    parameters: Object.fromEntries(
      Object.entries(values).filter(([k, v]) => v !== '' && (form.parameters.find((p) => p.name === k)?.noEcho || v !== launch.parameters[k])),
    ),
  });
  const previewM = useMutation({
    mutationFn: () =>
      fetchJson<{ preview: LaunchPreviewDto }>(`/api/v1/launches/${launch.id}/update`, { method: 'POST', json: jsonBody(launchUpdateSchema, body(true)) }),
    onSuccess: (r) => setPreview(r.preview),
  });
  const applyM = useMutation({
    mutationFn: () => fetchJson(`/api/v1/launches/${launch.id}/update`, { method: 'POST', json: jsonBody(launchUpdateSchema, body(false)) }),
    onSuccess: () => {
      setPreview(null);
      setOpen(false);
      onDone();
    },
  });
  const fields = previewM.error instanceof ApiError ? (previewM.error.fields ?? {}) : {};
  const errors = Object.fromEntries(form.parameters.map((p) => [p.name, fields[`parameters.${p.name}`]?.[0]]));
  const canUpdate = availability.allowed;
  return (
    <Card title="Update">
      {!open ? (
        <div className="space-y-2">
          <Button variant="secondary" disabled={!canUpdate} onClick={() => setOpen(true)}>
            Change parameters{launch.blueprint.versionsBehind > 0 ? ' or version' : ''}…
          </Button>
          {!availability.allowed && <p className="text-xs text-slate-500">{availability.reason}</p>}
        </div>
      ) : (
        <div className="space-y-4">
          {launch.blueprint.versionsBehind > 0 && (
            <label className="block text-sm">
              Blueprint version
              <Select value={version} onChange={(e) => (setVersion(e.target.value as 'current' | 'latest'), setPreview(null))}>
                <option value="current">stay on v{launch.blueprint.version}</option>
                <option value="latest">move to v{form.latestVersion}</option>
              </Select>
            </label>
          )}
          <ParameterFields
            parameters={form.parameters}
            groups={form.groups}
            values={values}
            errors={errors}
            onChange={(n, v) => (setValues((s) => ({ ...s, [n]: v })), setPreview(null))}
            picker={null}
            secretsKeepPrevious
          />
          {previewM.error && !Object.keys(fields).length && <Alert tone="error">{previewM.error.message}</Alert>}
          {preview ? (
            <div className="space-y-3" data-testid="update-preview">
              <ChangeSetTable changes={preview.changes} />
              {preview.costEstimate && <p className="text-sm">Estimated cost after the update: {preview.costEstimate.summary}</p>}
              {applyM.error && <Alert tone="error">{applyM.error.message}</Alert>}
              <div className="flex gap-2">
                <Button onClick={() => applyM.mutate()} disabled={applyM.isPending}>
                  {applyM.isPending ? 'Updating…' : 'Apply update'}
                </Button>
                <Button variant="secondary" onClick={() => setPreview(null)}>
                  Back
                </Button>
              </div>
            </div>
          ) : (
            <div className="flex gap-2">
              <Button onClick={() => previewM.mutate()} disabled={previewM.isPending}>
                {previewM.isPending ? 'Preparing the change set…' : 'Preview update'}
              </Button>
              <Button variant="ghost" onClick={() => setOpen(false)}>
                Cancel
              </Button>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
