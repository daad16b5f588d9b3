import { evaluateIntrinsic, isIntrinsicCall } from './intrinsics';
import { JsonPathError, queryPath } from './jsonpath';

// Parameters, ResultSelector and ItemSelector are payload templates: a key ending in `.$` takes its value
// from a path (`$.a`, `$$.Execution.Id`) or an intrinsic call, and loses the suffix; everything else is
// copied as is, nested objects and arrays included.

const PATH_SUFFIX = '.$';

/** Resolve a payload template against a state's (effective) input and the context object. */
export function resolvePayloadTemplate(template: unknown, input: unknown, context?: unknown): unknown {
  if (Array.isArray(template)) return template.map((item) => resolvePayloadTemplate(item, input, context));
  if (typeof template !== 'object' || template === null) return template;

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (!key.endsWith(PATH_SUFFIX)) {
      out[key] = resolvePayloadTemplate(value, input, context);
      continue;
    }
    if (typeof value !== 'string') {
      throw new JsonPathError(`The value of '${key}' must be a path or an intrinsic function`);
    }
    out[key.slice(0, -PATH_SUFFIX.length)] = isIntrinsicCall(value) ? evaluateIntrinsic(value, input, context) : queryPath(input, value, context);
  }
  return out;
}
