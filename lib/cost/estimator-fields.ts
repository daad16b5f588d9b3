import type { LambdaFields, SqsBatchFields } from './estimator-state';
import {
  MAX_BATCHING_WINDOW_S,
  MAX_DURATION_MS,
  MAX_EPHEMERAL_STORAGE_MB,
  MAX_MEMORY_MB,
  MAX_SQS_MESSAGE_KB,
  MIN_EPHEMERAL_STORAGE_MB,
  MIN_MEMORY_MB,
} from './limits';
import { type SliderScale, linearScale, logScale } from './slider-scale';

/**
 * How each numeric input is labelled, which unit it is in, and how its slider moves. The form, the
 * scenario comparison and the CSV export all name fields from here, so they always agree.
 */

type NumericKey<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];

export interface NumberFieldSpec<Key extends string = string> {
  /** The model input's field name, which is also what the schemas' error messages name. */
  readonly field: Key;
  readonly label: string;
  /** Names the unit in labels and tables, e.g. "MB", "ms", "per month". */
  readonly unit: string;
  /** A shorter form beside the number box, when `unit` is too long for it. */
  readonly shortUnit?: string;
  readonly help?: string;
  readonly slider: SliderScale;
  /** Whole numbers only (the schema rejects fractions). */
  readonly integer: boolean;
}

export const LAMBDA_NUMBER_FIELDS: readonly NumberFieldSpec<NumericKey<LambdaFields>>[] = [
  {
    field: 'memoryMb',
    label: 'Memory',
    unit: 'MB',
    help: `${MIN_MEMORY_MB.toLocaleString('en-US')} to ${MAX_MEMORY_MB.toLocaleString('en-US')} MB; CPU scales with it.`,
    slider: linearScale(MIN_MEMORY_MB, MAX_MEMORY_MB, 64),
    integer: true,
  },
  {
    field: 'durationMs',
    label: 'Duration per invocation',
    unit: 'ms',
    help: 'Average run time; Lambda bills it rounded up to the next 1 ms.',
    slider: logScale(1, MAX_DURATION_MS),
    integer: false,
  },
  {
    field: 'invocationsPerMonth',
    label: 'Invocations per month',
    unit: 'per month',
    shortUnit: '/month',
    slider: logScale(1_000, 10_000_000_000, { allowZero: true }),
    integer: true,
  },
  {
    field: 'ephemeralStorageMb',
    label: 'Ephemeral storage (/tmp)',
    unit: 'MB',
    help: `The first ${MIN_EPHEMERAL_STORAGE_MB} MB are free.`,
    slider: linearScale(MIN_EPHEMERAL_STORAGE_MB, MAX_EPHEMERAL_STORAGE_MB, 64),
    integer: true,
  },
];

export const SQS_NUMBER_FIELDS: readonly NumberFieldSpec<NumericKey<SqsBatchFields>>[] = [
  {
    field: 'messagesPerDay',
    label: 'Messages per day',
    unit: 'per day',
    shortUnit: '/day',
    help: 'The volume the batch-size comparison is priced at.',
    slider: logScale(1_000, 1_000_000_000, { allowZero: true }),
    integer: true,
  },
  {
    field: 'messageSizeKb',
    label: 'Message size',
    unit: 'KB',
    help: 'A batch may carry at most 6 MB.',
    slider: logScale(1, MAX_SQS_MESSAGE_KB),
    integer: false,
  },
  {
    field: 'batchingWindowS',
    label: 'Batching window',
    unit: 's',
    help: 'Batches above 10 messages need at least 1 s.',
    slider: linearScale(0, MAX_BATCHING_WINDOW_S, 1),
    integer: false,
  },
  {
    field: 'warmLatencyMs',
    label: 'Warm latency per batch',
    unit: 'ms',
    help: 'Fixed time per invocation, whatever the batch size.',
    slider: logScale(1, 10_000, { allowZero: true }),
    integer: false,
  },
  {
    field: 'perMessageMs',
    label: 'Time per message',
    unit: 'ms',
    slider: logScale(0.01, 1_000, { allowZero: true }),
    integer: false,
  },
  {
    field: 'baseMemoryMb',
    label: 'Base memory',
    unit: 'MB',
    slider: linearScale(MIN_MEMORY_MB, MAX_MEMORY_MB, 64),
    integer: true,
  },
  {
    field: 'batchMemoryOverheadMb',
    label: 'Memory added per increment',
    unit: 'MB',
    slider: linearScale(0, 1_024, 16),
    integer: true,
  },
  {
    field: 'batchIncrement',
    label: 'Messages per memory increment',
    unit: 'messages',
    shortUnit: 'msgs',
    help: 'Memory grows by the amount above for every this many messages in a batch.',
    slider: logScale(1, 10_000),
    integer: true,
  },
];

/** Labels for every field a saved scenario can hold, with units, for the comparison table. */
export const SCENARIO_FIELD_LABELS: Readonly<Record<string, { label: string; unit?: string }>> = {
  architecture: { label: 'Architecture' },
  region: { label: 'Region' },
  includeFreeTier: { label: 'Free tier' },
  useTiers: { label: 'Volume tiers' },
  batchSizes: { label: 'Batch sizes compared' },
  includeSqsRequests: { label: 'SQS request charges' },
  ...Object.fromEntries([...LAMBDA_NUMBER_FIELDS, ...SQS_NUMBER_FIELDS].map((spec) => [spec.field, { label: spec.label, unit: spec.unit }])),
};

/** The form's label of each model input field, for messages shown next to the form. */
const FORM_LABELS: Readonly<Record<string, { label: string; unit?: string }>> = {
  ...SCENARIO_FIELD_LABELS,
  region: { label: 'Pricing region' },
  batchSizes: { label: 'Batch sizes' },
};
// Units a bound can be read in ("between 128 and 10,240 MB"); word units like "per month" are left off.
const BOUND_UNITS = new Set(['MB', 'ms', 'KB', 's']);

/** The form's label of a model input field in running text ("memory"), or the field name itself. */
export function describeField(field: string): string {
  const label = Object.hasOwn(FORM_LABELS, field) ? FORM_LABELS[field]?.label : undefined;
  return label ? label.charAt(0).toLowerCase() + label.slice(1) : field;
}

/**
 * A model message (worded for the API, naming its field: "memoryMb must be between 128 and 10240")
 * reworded for the form: the field's label instead of its API name, thousands separators, and the
 * unit after a closing bound ("Memory must be between 128 and 10,240 MB").
 */
export function labelFieldMessage(field: string, message: string): string {
  const spec = Object.hasOwn(FORM_LABELS, field) ? FORM_LABELS[field] : undefined;
  if (!spec) return message;
  const named = message.startsWith(`${field} `) ? `${spec.label}${message.slice(field.length)}` : message;
  const grouped = named.replace(/\b\d{4,}\b/g, (digits) => Number(digits).toLocaleString('en-US'));
  return spec.unit && BOUND_UNITS.has(spec.unit) && /\d$/.test(grouped) ? `${grouped} ${spec.unit}` : grouped;
}
