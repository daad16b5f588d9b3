import 'server-only';
import { splitArn } from '@/server/abac/operators';
import { Template } from '@/server/abac/template';
import type { RequestContext } from '@/server/abac/types';

// Resource and NotResource ("IAM JSON policy elements: Resource",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html): ARNs are
// case-sensitive; `*` and `?` are wildcards within each of the first five colon-delimited parts, and
// anywhere in the resource part (colons and slashes included); policy variables may appear in any part.

/** One Resource entry, compiled. */
export type ResourcePattern =
  | { kind: 'all' }
  | { kind: 'arn'; parts: Template[] }
  /** Not an ARN: compared as a whole string. */
  | { kind: 'text'; template: Template };

/** Compiles one Resource / NotResource entry. */
export function compileResourcePattern(raw: string, variables: boolean): ResourcePattern {
  if (raw === '*') return { kind: 'all' };
  const parts = splitArn(raw, variables);
  if (parts) return { kind: 'arn', parts: parts.map((p) => new Template(p, { wildcards: true, variables })) };
  return { kind: 'text', template: new Template(raw, { wildcards: true, variables }) };
}

/** A request's resource, split once. */
export type RequestResource = { raw: string; parts: [string, string, string, string, string, string] | null };

/** Splits the request's resource ARN (`*` for actions without a resource). */
export function toRequestResource(raw: string): RequestResource {
  return { raw, parts: splitArn(raw) };
}

/** Whether the pattern names the resource; null when a variable in it has no value. */
export function matchesResource(pattern: ResourcePattern, resource: RequestResource, context: RequestContext): boolean | null {
  if (pattern.kind === 'all') return true;
  if (pattern.kind === 'text') return pattern.template.test(resource.raw, context);
  if (!resource.parts) return false;
  for (let i = 0; i < 6; i++) {
    const result = (pattern.parts[i] as Template).test(resource.parts[i] as string, context);
    if (result !== true) return result;
  }
  return true;
}
