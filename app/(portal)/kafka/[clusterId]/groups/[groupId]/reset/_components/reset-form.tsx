'use client';

import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ApiError, fetchJson, jsonBody } from '@/lib/api/fetch-json';
import type { OffsetResetResultDto } from '@/lib/kafka/dto';
import { type OffsetResetBody, offsetResetBodySchema } from '@/lib/schemas/kafka';
import { formatOffset, parsePartitionList } from '@/lib/kafka/format';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { TableHead } from '@/components/ui/table-head';

type StrategyKind = OffsetResetBody['strategy']['kind'];
type TopicChoice = { selected: boolean; partitions: string };

const STRATEGIES: { kind: StrategyKind; label: string; help: string }[] = [
  { kind: 'to-datetime', label: 'To a date and time', help: 'The first record written at or after it (Kafka’s --to-datetime).' },
  { kind: 'earliest', label: 'Earliest', help: 'The oldest record still in the log: reprocess everything retained.' },
  { kind: 'latest', label: 'Latest', help: 'The log end: skip everything not yet consumed.' },
  { kind: 'to-offset', label: 'Specific offset', help: 'The same offset on every chosen partition (clamped to the log).' },
  { kind: 'shift-by', label: 'Shift by N', help: 'Move each committed offset by N records; negative goes back.' },
];
const RESETTABLE = new Set(['Empty', 'Dead']);

/** Choose a strategy and partitions, see the dry run (current → new offset, lag after), then execute with confirmation. */
export function ResetForm({
  clusterId,
  groupId,
  groupHref,
  clusterTopics,
  groupTopics,
  initialState,
  members,
}: {
  clusterId: string;
  groupId: string;
  groupHref: string;
  clusterTopics: { topic: string; partitions: number[] }[];
  groupTopics: string[];
  initialState: string | null;
  members: { clientId: string; host: string }[];
}) {
  const ids = useId();
  const [kind, setKind] = useState<StrategyKind>('to-datetime');
  const [at, setAt] = useState('');
  const [offset, setOffset] = useState('');
  const [by, setBy] = useState('-100');
  const [topics, setTopics] = useState<Record<string, TopicChoice>>(() =>
    Object.fromEntries(clusterTopics.map((t) => [t.topic, { selected: groupTopics.includes(t.topic), partitions: '' }])),
  );
  const [showAllTopics, setShowAllTopics] = useState(groupTopics.length === 0);
  const [confirmText, setConfirmText] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const request = useMemo((): OffsetResetBody | null => {
    const strategy =
      kind === 'to-datetime'
        ? at && !Number.isNaN(Date.parse(`${at}Z`))
          ? { kind, at: new Date(`${at}Z`).toISOString() }
          : null
        : kind === 'to-offset'
          ? { kind, offset: offset.trim() }
          : kind === 'shift-by'
            ? { kind, by: by.trim() }
            : { kind };
    const chosen = Object.entries(topics)
      .filter(([, c]) => c.selected)
      .map(([topic, c]) => {
        const partitions = c.partitions.trim() ? parsePartitionList(c.partitions) : undefined;
        // An unreadable list never means "all": -1 makes the API refuse it if the form's own check is bypassed.
        return partitions === null ? { topic, partitions: [-1] } : { topic, ...(partitions ? { partitions } : {}) };
      });
    return strategy ? { dryRun: true, strategy, topics: chosen } : null;
  }, [kind, at, offset, by, topics]);
  const requestKey = JSON.stringify(request);

  const plan = useMutation({
    mutationFn: (body: OffsetResetBody) =>
      fetchJson<OffsetResetResultDto>(`/api/v1/kafka/clusters/${clusterId}/groups/${encodeURIComponent(groupId)}/reset`, {
        method: 'POST',
        json: jsonBody(offsetResetBodySchema, body),
      }),
  });
  const execute = useMutation({
    mutationFn: (body: OffsetResetBody) =>
      fetchJson<OffsetResetResultDto>(`/api/v1/kafka/clusters/${clusterId}/groups/${encodeURIComponent(groupId)}/reset`, {
        method: 'POST',
        json: jsonBody(offsetResetBodySchema, { ...body, dryRun: false }),
      }),
  });
  const [plannedKey, setPlannedKey] = useState<string | null>(null);
  const planIsCurrent = plan.data && plannedKey === requestKey;
  const groupState = planIsCurrent ? plan.data.groupState : initialState;
  const canExecute = Boolean(planIsCurrent && RESETTABLE.has(plan.data!.groupState) && confirmText === groupId && !execute.isSuccess);

  function preview(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (kind === 'to-datetime' && !request) problems.at = 'Choose a date and time';
    if (kind === 'to-offset' && !/^\d+$/.test(offset.trim())) problems.offset = 'Enter a whole number of at least 0';
    if (kind === 'shift-by' && !/^-?\d+$/.test(by.trim())) problems.by = 'Enter a whole number, negative to go back';
    const chosen = Object.entries(topics).filter(([, c]) => c.selected);
    if (chosen.length === 0) problems.topics = 'Choose at least one topic';
    for (const [topic, c] of chosen)
      if (c.partitions.trim() && !parsePartitionList(c.partitions)) problems[`partitions-${topic}`] = 'Use numbers and ranges, e.g. 0, 2, 5-7';
    setLocalErrors(problems);
    if (Object.keys(problems).length || !request) return;
    execute.reset();
    setConfirmText('');
    setPlannedKey(requestKey);
    plan.mutate(request);
  }

  const apiFields = plan.error instanceof ApiError ? (plan.error.fields ?? {}) : {};
  const shownTopics = clusterTopics.filter((t) => showAllTopics || groupTopics.includes(t.topic) || topics[t.topic]?.selected);

  return (
    <div className="space-y-6">
      {initialState && !RESETTABLE.has(initialState) && (
        <Alert tone="warn" title={`The group is ${initialState}`}>
          Kafka refuses resets while consumers are connected
          {members.length > 0 && <> (active: {members.map((m) => `${m.clientId} on ${m.host}`).join(', ')})</>}. You can still plan one; stop the consumers (or
          disable the Lambda event source mapping) before executing.
        </Alert>
      )}
      <form onSubmit={preview} className="space-y-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Offset reset">
        <fieldset>
          <legend className="text-sm font-semibold text-slate-800">Strategy</legend>
          <div className="mt-2 grid gap-2 md:grid-cols-2 xl:grid-cols-3">
            {STRATEGIES.map((s) => (
              <label key={s.kind} className="flex items-start gap-2 rounded-md p-2 text-sm ring-1 ring-slate-200">
                <input type="radio" name="strategy" className="mt-1" checked={kind === s.kind} onChange={() => setKind(s.kind)} />
                <span>
                  <span className="font-medium">{s.label}</span>
                  <span className="block text-xs text-slate-500">{s.help}</span>
                </span>
              </label>
            ))}
          </div>
          <div className="mt-3 max-w-sm">
            {kind === 'to-datetime' && (
              <Field
                id={`${ids}-at`}
                label="Date and time"
                help="In UTC, like every time the portal shows."
                error={localErrors.at ?? apiFields['strategy.at']?.[0]}
              >
                <TextInput
                  id={`${ids}-at`}
                  type="datetime-local"
                  step={1}
                  value={at}
                  onChange={(e) => setAt(e.target.value)}
                  aria-invalid={Boolean(localErrors.at)}
                />
              </Field>
            )}
            {kind === 'to-offset' && (
              <Field id={`${ids}-offset`} label="Offset" error={localErrors.offset ?? apiFields['strategy.offset']?.[0]}>
                <TextInput
                  id={`${ids}-offset`}
                  inputMode="numeric"
                  value={offset}
                  onChange={(e) => setOffset(e.target.value)}
                  aria-invalid={Boolean(localErrors.offset)}
                />
              </Field>
            )}
            {kind === 'shift-by' && (
              <Field
                id={`${ids}-by`}
                label="Shift by (records)"
                help="-100 re-reads the last 100 records of each partition."
                error={localErrors.by ?? apiFields['strategy.by']?.[0]}
              >
                <TextInput id={`${ids}-by`} inputMode="numeric" value={by} onChange={(e) => setBy(e.target.value)} aria-invalid={Boolean(localErrors.by)} />
              </Field>
            )}
          </div>
        </fieldset>

        <fieldset>
          <legend className="text-sm font-semibold text-slate-800">Topics and partitions</legend>
          {localErrors.topics && <p className="text-xs text-red-700">{localErrors.topics}</p>}
          {clusterTopics.length === 0 ? (
            <p className="text-sm text-slate-500">The cluster has no topics.</p>
          ) : (
            <table className="mt-2 w-full max-w-3xl text-left text-sm">
              <TableHead columns={[{ label: 'Topic' }, { label: 'Partitions' }, { label: 'Only these (empty = all)' }]} />
              <tbody>
                {shownTopics.map((t) => {
                  const choice = topics[t.topic]!;
                  const error = localErrors[`partitions-${t.topic}`];
                  return (
                    <tr key={t.topic} className="border-t border-slate-100">
                      <td className="py-1.5 pr-3">
                        <label className="inline-flex items-center gap-2 font-mono text-xs">
                          <input
                            type="checkbox"
                            checked={choice.selected}
                            onChange={(e) => setTopics((all) => ({ ...all, [t.topic]: { ...choice, selected: e.target.checked } }))}
                          />
                          {t.topic}
                        </label>
                      </td>
                      <td className="py-1.5 pr-3 text-xs text-slate-500">
                        {t.partitions.length} (0–{t.partitions.at(-1)})
                      </td>
                      <td className="py-1.5">
                        <TextInput
                          aria-label={`Partitions of ${t.topic}`}
                          placeholder="all"
                          value={choice.partitions}
                          disabled={!choice.selected}
                          aria-invalid={Boolean(error)}
                          onChange={(e) => setTopics((all) => ({ ...all, [t.topic]: { ...choice, partitions: e.target.value } }))}
                          className="max-w-48"
                        />
                        {error && <p className="text-xs text-red-700">{error}</p>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {!showAllTopics && clusterTopics.length > shownTopics.length && (
            <Button variant="ghost" className="mt-1 text-xs" onClick={() => setShowAllTopics(true)}>
              Show the cluster’s other {clusterTopics.length - shownTopics.length} topic{clusterTopics.length - shownTopics.length === 1 ? '' : 's'}
            </Button>
          )}
        </fieldset>

        <div className="flex items-center gap-3">
          <Button type="submit" disabled={plan.isPending}>
            {plan.isPending ? 'Planning…' : 'Preview (dry run)'}
          </Button>
          <Link href={groupHref} className="text-sm text-brand-600 underline">
            Back to the group
          </Link>
        </div>
      </form>

      <div aria-live="polite" className="space-y-4">
        {plan.error && (
          <Alert tone="error" title="The dry run failed">
            {plan.error.message}
          </Alert>
        )}
        {plan.data && !planIsCurrent && <Alert tone="info">The choices changed since this plan: preview again before executing.</Alert>}
        {plan.data && (
          <section aria-label="Dry run" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <h2 className="text-sm font-semibold text-slate-800">
              {plan.data.executed ? 'Executed' : 'Dry run'}: {plan.data.strategy} · lag afterwards {formatOffset(plan.data.totalLagAfterReset)}
            </h2>
            <PlanTable plan={execute.data ?? plan.data} />
            {execute.isSuccess ? (
              <Alert tone="success" title="Offsets reset">
                The group will resume from the new offsets when its consumers start again. The change is in the audit log.{' '}
                <Link href={groupHref} className="underline">
                  Back to the group
                </Link>
              </Alert>
            ) : groupState && !RESETTABLE.has(groupState) ? (
              <Alert tone="warn">The group is {groupState}: executing is possible only once it is Empty.</Alert>
            ) : (
              planIsCurrent && (
                <div className="space-y-2 border-t border-slate-100 pt-3">
                  <Field
                    id={`${ids}-confirm`}
                    label={
                      <>
                        Type the group id <span className="font-mono">{groupId}</span> to confirm
                      </>
                    }
                  >
                    <TextInput
                      id={`${ids}-confirm`}
                      value={confirmText}
                      onChange={(e) => setConfirmText(e.target.value)}
                      autoComplete="off"
                      className="max-w-md"
                    />
                  </Field>
                  <Button variant="danger" disabled={!canExecute || execute.isPending} onClick={() => request && execute.mutate(request)}>
                    {execute.isPending ? 'Resetting…' : `Reset ${plan.data.partitions.length} partition${plan.data.partitions.length === 1 ? '' : 's'}`}
                  </Button>
                </div>
              )
            )}
            {execute.error && (
              <Alert tone="error" title="The reset was not applied">
                {execute.error.message}
              </Alert>
            )}
          </section>
        )}
      </div>
    </div>
  );
}

function PlanTable({ plan }: { plan: OffsetResetResultDto }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Current and new offset per partition</caption>
        <TableHead
          columns={[
            { label: 'Partition' },
            { label: 'Current', numeric: true },
            { label: 'becomes', srOnly: true },
            { label: 'New', numeric: true },
            { label: 'Log start', numeric: true },
            { label: 'Log end', numeric: true },
            { label: 'Lag after', numeric: true },
            { label: 'Note' },
          ]}
        />
        <tbody>
          {plan.partitions.map((p) => (
            <tr key={`${p.topic}-${p.partition}`} className="border-t border-slate-100" data-testid="reset-plan-row">
              <td className="py-1.5 pr-3 font-mono text-xs">
                {p.topic}-{p.partition}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {p.currentOffset === null ? <span className="text-slate-500">none</span> : formatOffset(p.currentOffset)}
              </td>
              <td className="py-1.5 pr-3 text-center text-slate-400">
                <span aria-hidden>→</span>
                <span className="sr-only">becomes</span>
              </td>
              <td className="py-1.5 pr-3 text-right font-semibold tabular-nums">{formatOffset(p.newOffset)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatOffset(p.logStartOffset)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatOffset(p.logEndOffset)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatOffset(p.lagAfterReset)}</td>
              <td className="py-1.5 text-xs text-slate-600">{p.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
