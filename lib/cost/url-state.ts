import { lambdaCostInputSchema, sqsBatchInputSchema } from '@/lib/schemas/cost';

import { DEFAULT_ESTIMATOR_STATE, type EstimatorState, type LambdaFields, type SqsBatchFields, toLambdaInput, toSqsBatchInput } from './estimator-state';
import { describeField, labelFieldMessage } from './estimator-fields';
import { ARCHITECTURES, type Architecture } from './price-table';

/**
 * The estimator's whole state as one short, readable URL value, e.g.
 * `1_m.s_mpd.20000000_bs.1-10-100_a.arm`: a format version, then `key.value` pairs separated by
 * `_`, listing only what differs from the defaults. Only letters, digits and `_ . -` are used — the
 * characters `URLSearchParams` leaves alone — so the value survives copy-paste, chat apps and
 * re-encoding without turning into `%7E` soup.
 *
 * Decoding never throws: an unknown key, a malformed value, or a value the model's schema rejects is
 * dropped (that field keeps its default) and reported, so a hand-edited or stale link still opens.
 */

export const URL_STATE_VERSION = '1';
const PAIR_SEPARATOR = '_';
const LIST_SEPARATOR = '-';
/** Far above any real state (about 150 characters with every field set); longer input is refused. */
const MAX_ENCODED_LENGTH = 2_000;

export interface DecodedEstimatorState {
  readonly state: EstimatorState;
  /** Keys from the link that were not used, with why, e.g. "mem (Memory must be between 128 and 10,240 MB)". */
  readonly ignored: readonly string[];
}

type Model = 'shared' | 'lambda' | 'sqs';

interface FieldCodec<Value> {
  /** The key in the URL. */
  readonly key: string;
  /** Which model's schema checks it, and under what field name. */
  readonly model: Model;
  readonly field: string;
  readonly get: (state: EstimatorState) => Value;
  readonly set: (state: EstimatorState, value: Value) => EstimatorState;
  readonly format: (value: Value) => string;
  readonly parse: (text: string) => Value | undefined;
  readonly equals?: (a: Value, b: Value) => boolean;
}

// Numbers as JS writes them, minus the "+" of large exponents (a "+" in a query string reads as a space).
const formatNumber = (value: number) => String(value).replace('e+', 'e');
const NUMBER_PATTERN = /^-?\d+(?:\.\d+)?(?:e-?\d+)?$/i;
const parseNumber = (text: string) => (NUMBER_PATTERN.test(text) ? Number(text) : undefined);
const parseBoolean = (text: string) => (text === '1' ? true : text === '0' ? false : undefined);
const formatBoolean = (value: boolean) => (value ? '1' : '0');

function parseNumberList(text: string): number[] | undefined {
  const parts = text.split(LIST_SEPARATOR);
  const values = parts.map(parseNumber);
  return values.every((value): value is number => value !== undefined) ? values : undefined;
}

// "x86_64" has the pair separator in it, so architectures travel as short codes.
const ARCHITECTURE_CODES: Readonly<Record<Architecture, string>> = { x86_64: 'x86', arm64: 'arm' };

// Lists may arrive malformed from an old saved scenario (see sanitizeEstimatorState), so check the type.
const sameList = (a: readonly number[], b: readonly number[]) =>
  Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((value, index) => value === b[index]);
const formatList = (values: readonly number[]) => (Array.isArray(values) ? values.map(formatNumber).join(LIST_SEPARATOR) : String(values));

/** Codecs are kept in one list, so each one's value type is erased once it is built. */
const erase = <Value>(codec: FieldCodec<Value>) => codec as unknown as FieldCodec<unknown>;

type NumericKeys<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];

function numberField(key: string, model: 'lambda', field: NumericKeys<LambdaFields>): FieldCodec<unknown>;
function numberField(key: string, model: 'sqs', field: NumericKeys<SqsBatchFields>): FieldCodec<unknown>;
function numberField(key: string, model: 'lambda' | 'sqs', field: string): FieldCodec<unknown> {
  const group = model === 'lambda' ? 'lambda' : 'sqs';
  return erase<number>({
    key,
    model,
    field,
    get: (state) => (state[group] as unknown as Record<string, number>)[field]!,
    set: (state, value) => ({ ...state, [group]: { ...state[group], [field]: value } }),
    format: formatNumber,
    parse: parseNumber,
  });
}

// The order here is the order in the URL. Never reuse a key for another meaning: old links would
// silently change; bump URL_STATE_VERSION instead.
const codecs: readonly FieldCodec<unknown>[] = [
  erase<EstimatorState['mode']>({
    key: 'm',
    model: 'shared',
    field: 'mode',
    get: (state) => state.mode,
    set: (state, mode) => ({ ...state, mode }),
    format: (mode) => (mode === 'lambda' ? 'l' : 's'),
    parse: (text) => (text === 'l' ? 'lambda' : text === 's' ? 'sqs-batch' : undefined),
  }),
  erase({
    key: 'a',
    model: 'shared',
    field: 'architecture',
    get: (state) => state.architecture,
    set: (state, architecture) => ({ ...state, architecture }),
    format: (value) => ARCHITECTURE_CODES[value],
    parse: (text) => ARCHITECTURES.find((architecture) => ARCHITECTURE_CODES[architecture] === text),
  }),
  erase({
    key: 'r',
    model: 'shared',
    field: 'region',
    get: (state) => state.region,
    set: (state, region) => ({ ...state, region }),
    format: (value) => value,
    parse: (text) => (/^[a-z0-9-]{1,40}$/.test(text) ? text : undefined),
  }),
  erase({
    key: 'f',
    model: 'shared',
    field: 'includeFreeTier',
    get: (state) => state.includeFreeTier,
    set: (state, includeFreeTier) => ({ ...state, includeFreeTier }),
    format: formatBoolean,
    parse: parseBoolean,
  }),
  numberField('mem', 'lambda', 'memoryMb'),
  numberField('dur', 'lambda', 'durationMs'),
  numberField('inv', 'lambda', 'invocationsPerMonth'),
  numberField('eph', 'lambda', 'ephemeralStorageMb'),
  erase({
    key: 't',
    model: 'lambda',
    field: 'useTiers',
    get: (state) => state.lambda.useTiers,
    set: (state, useTiers) => ({ ...state, lambda: { ...state.lambda, useTiers } }),
    format: formatBoolean,
    parse: parseBoolean,
  }),
  numberField('mpd', 'sqs', 'messagesPerDay'),
  erase({
    key: 'bs',
    model: 'sqs',
    field: 'batchSizes',
    get: (state) => state.sqs.batchSizes,
    set: (state, batchSizes) => ({ ...state, sqs: { ...state.sqs, batchSizes } }),
    format: formatList,
    parse: parseNumberList,
    equals: sameList,
  }),
  numberField('bm', 'sqs', 'baseMemoryMb'),
  numberField('bo', 'sqs', 'batchMemoryOverheadMb'),
  numberField('bi', 'sqs', 'batchIncrement'),
  numberField('wl', 'sqs', 'warmLatencyMs'),
  numberField('pm', 'sqs', 'perMessageMs'),
  numberField('kb', 'sqs', 'messageSizeKb'),
  numberField('bw', 'sqs', 'batchingWindowS'),
  erase({
    key: 'sr',
    model: 'sqs',
    field: 'includeSqsRequests',
    get: (state) => state.sqs.includeSqsRequests,
    set: (state, includeSqsRequests) => ({ ...state, sqs: { ...state.sqs, includeSqsRequests } }),
    format: formatBoolean,
    parse: parseBoolean,
  }),
  erase({
    key: 'log',
    model: 'shared',
    field: 'logAxes',
    get: (state) => state.logAxes,
    set: (state, logAxes) => ({ ...state, logAxes }),
    format: formatBoolean,
    parse: parseBoolean,
  }),
];
const codecByKey = new Map(codecs.map((codec) => [codec.key, codec]));

const isSame = (codec: FieldCodec<unknown>, a: unknown, b: unknown) => (codec.equals ? codec.equals(a, b) : Object.is(a, b));

/** The state as a URL value; the defaults encode to just the version, "1". */
export function encodeEstimatorState(state: EstimatorState): string {
  const pairs = codecs
    .filter((codec) => !isSame(codec, codec.get(state), codec.get(DEFAULT_ESTIMATOR_STATE)))
    .map((codec) => `${codec.key}.${codec.format(codec.get(state))}`);
  return [URL_STATE_VERSION, ...pairs].join(PAIR_SEPARATOR);
}

/** Reads a URL value back; whatever cannot be used is left at its default and listed in `ignored`. */
export function decodeEstimatorState(text: string | null | undefined): DecodedEstimatorState {
  if (!text) return { state: DEFAULT_ESTIMATOR_STATE, ignored: [] };
  if (text.length > MAX_ENCODED_LENGTH) return { state: DEFAULT_ESTIMATOR_STATE, ignored: ['the whole link (too long)'] };
  const [version, ...pairs] = text.split(PAIR_SEPARATOR);
  if (version !== URL_STATE_VERSION) {
    return { state: DEFAULT_ESTIMATOR_STATE, ignored: [`the whole link (unknown format version "${version}")`] };
  }

  const ignored: string[] = [];
  const used = new Map<string, FieldCodec<unknown>>();
  let state = DEFAULT_ESTIMATOR_STATE;
  for (const pair of pairs) {
    const dot = pair.indexOf('.');
    const key = dot === -1 ? pair : pair.slice(0, dot);
    const codec = codecByKey.get(key);
    if (!codec) {
      if (key) ignored.push(`${key} (not a known setting)`);
      continue;
    }
    const value = dot === -1 ? undefined : codec.parse(pair.slice(dot + 1));
    if (value === undefined) {
      ignored.push(`${key} (not a valid ${describeField(codec.field)})`);
      continue;
    }
    state = codec.set(state, value);
    used.set(codec.field, codec);
  }
  return resetInvalidFields(state, used, ignored);
}

/** Puts back the default of every decoded field that the model's own schema rejects. */
function resetInvalidFields(decoded: EstimatorState, used: ReadonlyMap<string, FieldCodec<unknown>>, ignored: string[]): DecodedEstimatorState {
  const problems = new Map<string, string>();
  const collect = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
    for (const issue of issues) {
      const field = String(issue.path[0] ?? '');
      if (!problems.has(field)) problems.set(field, issue.message);
    }
  };
  const lambda = lambdaCostInputSchema.safeParse(toLambdaInput(decoded));
  if (!lambda.success) collect(lambda.error.issues);
  const sqs = sqsBatchInputSchema.safeParse(toSqsBatchInput(decoded));
  if (!sqs.success) collect(sqs.error.issues);

  let state = decoded;
  for (const [field, message] of problems) {
    const codec = used.get(field);
    // Defaults always pass the schemas, so every problem comes from a decoded field.
    if (!codec) continue;
    state = codec.set(state, codec.get(DEFAULT_ESTIMATOR_STATE));
    ignored.push(`${codec.key} (${labelFieldMessage(field, message)})`);
  }
  return { state, ignored };
}

/**
 * The state with every field the model rejects (or that is missing) put back to its default, and
 * which ones were: for states from outside the form, like a scenario saved under an older schema.
 */
export function sanitizeEstimatorState(state: EstimatorState): DecodedEstimatorState {
  return decodeEstimatorState(encodeEstimatorState(state));
}
