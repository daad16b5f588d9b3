import 'server-only';
import { z } from 'zod';
import type { RequiredTagRule } from '@/lib/launches/tags';

// Team.requiredTags is stored as a JSON list of rules. Rows written before rules existed (and any
// instance still running the older code during a rolling upgrade) hold an object of tag key ->
// default value, "" meaning "no default": both read as the same list.

const storedRuleSchema = z.object({
  key: z.string(),
  allowedValues: z.array(z.string()).optional(),
  pattern: z.string().optional(),
  default: z.string().optional(),
});
const storedSchema = z.union([z.array(storedRuleSchema), z.record(z.string(), z.string())]);

/** The required tag rules of a stored `Team.requiredTags` value, old object form included. */
export function parseRequiredTags(stored: string): RequiredTagRule[] {
  const value = storedSchema.parse(JSON.parse(stored));
  if (Array.isArray(value)) return value.map(withoutEmpty);
  return Object.entries(value).map(([key, fallback]) => (fallback ? { key, default: fallback } : { key }));
}

// Keys set to undefined are left out, so a rule reads back exactly as it was written.
function withoutEmpty(rule: z.infer<typeof storedRuleSchema>): RequiredTagRule {
  return {
    key: rule.key,
    ...(rule.allowedValues ? { allowedValues: rule.allowedValues } : {}),
    ...(rule.pattern !== undefined ? { pattern: rule.pattern } : {}),
    ...(rule.default ? { default: rule.default } : {}),
  };
}

/** The stored form of a list of rules. */
export function serializeRequiredTags(rules: readonly RequiredTagRule[]): string {
  return JSON.stringify(rules.map(withoutEmpty));
}
