'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Field, TextInput } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { ApiError, fetchJson, jsonBody } from '@/lib/api/fetch-json';
import type { ScenarioInput } from '@/lib/cost/estimator-state';
import { formatDateTime } from '@/lib/date-time';
import { summariseScenario } from '@/lib/cost/scenario-compare';
import { type CostScenarioDto, costScenarioBodySchema } from '@/lib/schemas/cost-scenarios';
import { SCENARIOS_URL, useSavedScenarios } from './use-saved-scenarios';

const KIND_LABELS: Readonly<Record<ScenarioInput['kind'], string>> = {
  lambda: 'Lambda',
  'sqs-batch': 'SQS batch',
};

/**
 * The user's saved scenarios: save the current inputs under a name, load, delete, and pick two to
 * compare. The list comes from the server render and is refreshed after every change.
 */
export function ScenariosPanel({
  initial,
  beside,
  current,
  canSave,
  compareIds,
  onCompareIdsChange,
  onLoad,
}: {
  initial: CostScenarioDto[];
  /** Shown next to the save form on wide screens (the share link). */
  beside?: ReactNode;
  current: ScenarioInput;
  canSave: boolean;
  compareIds: readonly string[];
  onCompareIdsChange: (ids: string[]) => void;
  onLoad: (scenario: CostScenarioDto) => void;
}) {
  const { scenarios: list, isFetching, error: listError, refresh } = useSavedScenarios(initial);
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: { name: string } & ScenarioInput) =>
      fetchJson<CostScenarioDto>(SCENARIOS_URL, { method: 'POST', json: jsonBody(costScenarioBodySchema, body) }),
    onSuccess: async (saved) => {
      setName('');
      setLoadedId(saved.id);
      setNotice(`Saved “${saved.name}”.`);
      await refresh();
    },
  });
  const replace = useMutation({
    mutationFn: (target: CostScenarioDto) =>
      fetchJson<CostScenarioDto>(`${SCENARIOS_URL}/${target.id}`, {
        method: 'PUT',
        json: jsonBody(costScenarioBodySchema, { name: target.name, ...current }),
      }),
    onSuccess: async (saved) => {
      save.reset();
      setName('');
      setLoadedId(saved.id);
      setNotice(`Replaced “${saved.name}” with the current inputs.`);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (target: CostScenarioDto) =>
      fetchJson<CostScenarioDto>(`${SCENARIOS_URL}/${target.id}`, {
        method: 'DELETE',
      }),
    onSuccess: async (deleted) => {
      setConfirmingDelete(null);
      setNotice(`Deleted “${deleted.name}”.`);
      onCompareIdsChange(compareIds.filter((id) => id !== deleted.id));
      await refresh();
    },
  });

  const saveError = save.error instanceof ApiError ? (save.error.fields?.name?.[0] ?? save.error.message) : save.error ? 'Saving failed; try again.' : null;
  const clash = save.error instanceof ApiError && save.error.status === 409 ? list.find((scenario) => scenario.name === name.trim()) : undefined;

  function toggleCompare(id: string, checked: boolean) {
    // Comparing is between two: ticking a third drops the earliest ticked.
    onCompareIdsChange(checked ? [...compareIds.filter((other) => other !== id), id].slice(-2) : compareIds.filter((other) => other !== id));
  }

  return (
    <div className="space-y-4">
      <div className="grid gap-6 @3xl:grid-cols-2">
        <form
          className="flex items-start gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            setNotice(null);
            save.mutate({ name, ...current });
          }}
        >
          <div className="flex-1">
            <Field
              id="scenario-name"
              label="Save the current inputs as"
              error={saveError}
              help={canSave ? 'Scenarios are private to you.' : 'Fix the highlighted inputs before saving.'}
            >
              <TextInput
                id="scenario-name"
                value={name}
                maxLength={80}
                placeholder="e.g. orders queue, batch 100"
                onChange={(event) => setName(event.target.value)}
                aria-invalid={Boolean(saveError)}
                aria-describedby={saveError ? 'scenario-name-error' : 'scenario-name-help'}
              />
            </Field>
          </div>
          <Button type="submit" className="mt-6" disabled={!canSave || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save scenario'}
          </Button>
        </form>
        {beside}
      </div>
      {clash && (
        <Button variant="secondary" onClick={() => replace.mutate(clash)} disabled={replace.isPending}>
          Replace “{clash.name}” with the current inputs
        </Button>
      )}
      {notice && (
        <p role="status" className="text-sm text-emerald-800">
          {notice}
        </p>
      )}
      {(remove.error || replace.error) && <Alert tone="error">{(remove.error ?? replace.error)?.message}</Alert>}
      {listError && (
        <Alert tone="error" title="The saved scenarios could not be refreshed">
          {listError.message}
        </Alert>
      )}

      {list.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">
          No saved scenarios yet. Save one to come back to it, or to compare two.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label="Saved scenarios">
          {list.map((scenario) => (
            <li key={scenario.id} className={cn('flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm', loadedId === scenario.id && 'bg-brand-50')}>
              <input
                type="checkbox"
                aria-label={`Compare ${scenario.name}`}
                checked={compareIds.includes(scenario.id)}
                onChange={(event) => toggleCompare(scenario.id, event.target.checked)}
                className="h-4 w-4 accent-brand-600"
              />
              <div className="min-w-0 flex-1">
                <p className="flex items-center gap-2">
                  <span className="truncate font-medium text-slate-900">{scenario.name}</span>
                  <Badge tone="info">{KIND_LABELS[scenario.kind]}</Badge>
                  {loadedId === scenario.id && <Badge tone="good">loaded</Badge>}
                </p>
                <p className="truncate text-xs text-slate-500">
                  {summariseScenario(scenario)} · saved <time dateTime={scenario.updatedAt}>{formatDateTime(scenario.updatedAt)}</time>
                </p>
              </div>
              <div className="flex gap-1">
                <Button
                  variant="secondary"
                  aria-label={`Load ${scenario.name}`}
                  onClick={() => {
                    setLoadedId(scenario.id);
                    setNotice(`Loaded “${scenario.name}”.`);
                    onLoad(scenario);
                  }}
                >
                  Load
                </Button>
                {confirmingDelete === scenario.id ? (
                  <>
                    <Button
                      variant="danger"
                      aria-label={`Confirm deleting ${scenario.name}`}
                      onClick={() => remove.mutate(scenario)}
                      disabled={remove.isPending}
                    >
                      {remove.isPending ? 'Deleting…' : 'Delete'}
                    </Button>
                    <Button variant="ghost" onClick={() => setConfirmingDelete(null)}>
                      Keep
                    </Button>
                  </>
                ) : (
                  <Button variant="ghost" aria-label={`Delete ${scenario.name}`} onClick={() => setConfirmingDelete(scenario.id)}>
                    Delete
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {isFetching && <Spinner label="Refreshing" />}
    </div>
  );
}
