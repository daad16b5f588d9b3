'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError, fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { executionHref } from '@/lib/sfn/arn';
import { formatDateTime } from '@/lib/date-time';
import { formatJsonText, validateExecutionInputText } from '@/lib/sfn/json-text';
import { executionNameSchema, startExecutionSchema } from '@/lib/schemas/sfn';
import type { RecentInputDto } from '@/lib/sfn/dto';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { JsonEditor } from './json-editor';

function preview(input: string): string {
  const compact = input.replace(/\s+/g, ' ');
  return compact.length > 70 ? `${compact.slice(0, 69)}…` : compact;
}

/** The Start execution form: optional name, JSON input with live validation, the last five inputs offered. */
export function StartExecutionForm({
  stateMachineArn,
  isExpress,
  recentInputs,
}: {
  stateMachineArn: string;
  isExpress: boolean;
  recentInputs: RecentInputDto[];
}) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [input, setInput] = useState(() => formatJsonText(recentInputs[0]?.input ?? '{}'));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const nameError =
    name && !executionNameSchema.safeParse(name).success ? executionNameSchema.safeParse(name).error?.issues[0]?.message : (fieldErrors.name?.[0] ?? null);
  const inputInvalid = validateExecutionInputText(input) !== null;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (nameError || inputInvalid) return;
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await fetchJson<{ executionArn: string; name: string }>('/api/v1/stepfunctions/executions', {
        method: 'POST',
        json: jsonBody(startExecutionSchema, { stateMachineArn, input, ...(name ? { name } : {}) }),
      });
      if (isExpress) {
        setStarted(result.executionArn);
        setPending(false);
        router.refresh();
      } else {
        router.push(executionHref(result.executionArn));
      }
    } catch (err) {
      setPending(false);
      if (err instanceof ApiError) {
        setFieldErrors(err.fields ?? {});
        setError(err.fields ? null : err.message);
        if (err.fields && !err.fields.name && !err.fields.input) setError(err.message);
      } else setError((err as Error).message);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Start execution" noValidate>
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="execution-name" label="Name (optional)" help="Left empty, a name like run-20261127-195521-k3x9q2 is generated." error={nameError}>
          <TextInput
            id="execution-name"
            value={name}
            onChange={(e) => setName(e.target.value.trim())}
            placeholder="generated when empty"
            aria-invalid={Boolean(nameError)}
            maxLength={80}
          />
        </Field>
        {recentInputs.length > 0 && (
          <Field id="recent-inputs" label="Your last inputs" help="Pick one to load it into the editor.">
            <Select
              id="recent-inputs"
              value=""
              onChange={(e) => {
                const chosen = recentInputs[Number(e.target.value)];
                if (chosen) setInput(formatJsonText(chosen.input));
              }}
            >
              <option value="">Choose one of {recentInputs.length}…</option>
              {recentInputs.map((r, i) => (
                <option key={r.usedAt} value={i}>
                  {formatDateTime(r.usedAt, 'second')} · {preview(r.input)}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <JsonEditor id="execution-input" label="Input (JSON)" value={input} onChange={setInput} serverError={fieldErrors.input?.[0] ?? null} />
      {error && <Alert tone="error">{error}</Alert>}
      {started && (
        <Alert tone="success" title="Express execution started">
          <span className="break-all font-mono text-xs">{started}</span>
          <span className="block">
            Express executions keep no history in Step Functions: their record is in the CloudWatch Logs below (when logging is on).
          </span>
        </Alert>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending || inputInvalid || Boolean(nameError)} aria-busy={pending}>
          {pending ? 'Starting…' : 'Start execution'}
        </Button>
        <Button variant="secondary" onClick={() => setInput(formatJsonText(input))} disabled={inputInvalid}>
          Format JSON
        </Button>
      </div>
    </form>
  );
}
