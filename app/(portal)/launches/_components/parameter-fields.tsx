'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { parameterKind, pickerResourceType, splitList } from '@/lib/launches/parameters';
import { PICKABLE_TYPES } from '@/lib/schemas/targets';
import { Field, Select, TextInput } from '@/components/ui/field';
import type { TemplateParameterDto, TemplateParameterGroupDto } from '@/lib/blueprints/types';

type Values = Record<string, string>;
type PickerOption = { value: string; label: string; detail?: string };

/** Every parameter, grouped as the template's interface says, ungrouped ones last. */
export function ParameterFields({
  parameters,
  groups,
  values,
  errors,
  onChange,
  picker,
  secretsKeepPrevious = false,
}: {
  parameters: TemplateParameterDto[];
  groups: TemplateParameterGroupDto[];
  values: Values;
  errors: Record<string, string | undefined>;
  onChange: (name: string, value: string) => void;
  picker: { targetId: string; region: string } | null;
  /** On updates: an empty secret field keeps the deployed value. */
  secretsKeepPrevious?: boolean;
}) {
  const grouped = new Set(groups.flatMap((g) => g.parameters));
  const byName = new Map(parameters.map((p) => [p.name, p]));
  const sections = [
    ...groups.map((g) => ({ label: g.label, params: g.parameters.map((n) => byName.get(n)).filter((p): p is TemplateParameterDto => Boolean(p)) })),
    { label: groups.length ? 'Other parameters' : 'Parameters', params: parameters.filter((p) => !grouped.has(p.name)) },
  ].filter((s) => s.params.length > 0);
  return (
    <div className="space-y-6">
      {sections.map((s) => (
        <fieldset key={s.label} className="space-y-4">
          <legend className="mb-2 text-sm font-semibold text-slate-800">{s.label}</legend>
          <div className="grid gap-4 md:grid-cols-2">
            {s.params.map((p) => (
              <ParameterField
                key={p.name}
                param={p}
                value={values[p.name] ?? ''}
                error={errors[p.name]}
                onChange={(v) => onChange(p.name, v)}
                picker={picker}
                keepsPrevious={secretsKeepPrevious && p.noEcho}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

function helpText(p: TemplateParameterDto, keepsPrevious: boolean): string {
  const bits = [p.help ?? p.description];
  if (p.minValue !== undefined || p.maxValue !== undefined) bits.push(`${p.minValue ?? '…'}–${p.maxValue ?? '…'}`);
  if (p.minLength !== undefined || p.maxLength !== undefined) bits.push(`${p.minLength ?? 0}–${p.maxLength ?? '…'} characters`);
  const kind = parameterKind(p.type);
  if (kind === 'list' || kind === 'number-list' || kind === 'aws-id-list') bits.push('comma-separated');
  if (keepsPrevious) bits.push('leave empty to keep the deployed value');
  if (p.noEcho) bits.push('secret: never stored or shown again');
  return bits.filter(Boolean).join(' · ');
}

function ParameterField({
  param: p,
  value,
  error,
  onChange,
  picker,
  keepsPrevious,
}: {
  param: TemplateParameterDto;
  value: string;
  error?: string;
  onChange: (v: string) => void;
  picker: { targetId: string; region: string } | null;
  keepsPrevious: boolean;
}) {
  const id = `param-${p.name}`;
  const kind = parameterKind(p.type);
  const common = { id, 'aria-invalid': Boolean(error), 'aria-describedby': error ? `${id}-error` : `${id}-help` };
  const label = (
    <>
      {p.label} <span className="font-mono text-xs font-normal text-slate-500">{p.name}</span>
      {p.required && !p.noEcho && <span className="text-red-700"> *</span>}
    </>
  );
  let control: React.ReactNode;
  if (p.allowedValues?.length && kind !== 'list') {
    control = (
      <Select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        {!p.default && <option value="">Choose…</option>}
        {p.allowedValues.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </Select>
    );
  } else if (p.noEcho) {
    control = (
      <TextInput
        {...common}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={keepsPrevious ? '(unchanged)' : undefined}
      />
    );
  } else if (kind === 'number') {
    control = (
      <TextInput {...common} type="number" inputMode="decimal" min={p.minValue} max={p.maxValue} value={value} onChange={(e) => onChange(e.target.value)} />
    );
  } else if (picker && pickerResourceType(p.type) && (PICKABLE_TYPES as readonly string[]).includes(pickerResourceType(p.type)!)) {
    control = (
      <ResourcePicker common={common} type={pickerResourceType(p.type)!} multiple={kind === 'aws-id-list'} value={value} onChange={onChange} picker={picker} />
    );
  } else {
    control = <TextInput {...common} value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} />;
  }
  return (
    <Field id={id} label={label} help={helpText(p, keepsPrevious)} error={error}>
      {control}
    </Field>
  );
}

/** A select filled with the target's real resources; free text still allowed when the list is empty or unreachable. */
function ResourcePicker({
  common,
  type,
  multiple,
  value,
  onChange,
  picker,
}: {
  common: Record<string, unknown>;
  type: string;
  multiple: boolean;
  value: string;
  onChange: (v: string) => void;
  picker: { targetId: string; region: string };
}) {
  const q = useQuery({
    queryKey: ['picker', picker.targetId, picker.region, type],
    queryFn: () =>
      fetchJson<{ options: PickerOption[] }>(`/api/v1/targets/${picker.targetId}/resources?region=${picker.region}&type=${encodeURIComponent(type)}`),
    staleTime: 60_000,
  });
  const options = q.data?.options ?? [];
  if (q.isError || (!q.isLoading && options.length === 0)) {
    return (
      <>
        <TextInput {...common} value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} />
        <span className="text-xs text-slate-500">
          {q.isError ? `Could not list ${type} resources: ${(q.error as Error).message}` : `No ${type} resources found in this target; type a value.`}
        </span>
      </>
    );
  }
  if (multiple) {
    const chosen = new Set(splitList(value));
    return (
      <Select
        {...common}
        multiple
        size={Math.min(6, options.length)}
        value={[...chosen]}
        onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value).join(','))}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
            {o.detail ? ` — ${o.detail}` : ''}
          </option>
        ))}
      </Select>
    );
  }
  return (
    <Select {...common} value={value} onChange={(e) => onChange(e.target.value)} disabled={q.isLoading}>
      <option value="">{q.isLoading ? 'Loading…' : 'Choose…'}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
          {o.detail ? ` — ${o.detail}` : ''}
        </option>
      ))}
    </Select>
  );
}
