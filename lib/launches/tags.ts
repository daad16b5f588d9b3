// Stack tags: the team's required tags always apply (CloudFormation propagates stack tags to the
// resources it creates), the launcher may add more but not remove or blank a required one, and a
// required tag's value must be one of its allowed values or match its pattern when the team set one.

export type TagSet = Record<string, string>;

/** A tag every launch of a team carries: allowed values or a pattern (not both), and a default. */
export type RequiredTagRule = { key: string; allowedValues?: string[]; pattern?: string; default?: string };

const RESERVED = /^aws:/i;
/** AWS tag keys and values: letters, digits, spaces and _ . : / = + - @. */
export const TAG_KEY_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const TAG_VALUE_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const isReservedTagKey = (key: string) => RESERVED.test(key);

// A quantified group that itself holds a quantifier ((a+)+, (\w*)*, (x|y+){2,}) is what makes a
// backtracking engine take exponential time on a near-miss; values are short, but the server runs
// every launch's values through these patterns, so such patterns are refused when they are saved.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

/** Why a pattern cannot be a tag rule (not a regular expression, or one that may backtrack badly), or null. */
export function checkTagPattern(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'is not a valid regular expression';
  }
  if (NESTED_QUANTIFIER.test(pattern)) return 'must not repeat a group that repeats something itself, such as (a+)+';
  return null;
}

/** The pattern matched against the whole value, as people read a tag rule. */
export function tagPatternRegExp(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

/** Why `value` breaks the rule's allowed values or pattern (worded to follow the field's name), or null. */
export function tagRuleProblem(rule: RequiredTagRule, value: string): string | null {
  if (rule.allowedValues && !rule.allowedValues.includes(value)) return `must be one of ${rule.allowedValues.join(', ')}`;
  if (rule.pattern !== undefined && !checkTagPattern(rule.pattern) && !tagPatternRegExp(rule.pattern).test(value)) {
    return `must match the pattern ${rule.pattern}`;
  }
  return null;
}

/** Merges required tags (with defaults) and extra tags; returns the tags and per-key errors. */
export function mergeTags(
  required: readonly RequiredTagRule[],
  extra: TagSet,
  defaults: { owner?: string } = {},
): { tags: TagSet; errors: Record<string, string> } {
  const tags: TagSet = {};
  const errors: Record<string, string> = {};
  const requiredKeys = new Set(required.map((r) => r.key));
  for (const rule of required) {
    const key = rule.key;
    const given = Object.hasOwn(extra, key) ? extra[key] : undefined;
    const value = (given !== undefined && given !== '' ? given : rule.default) || (key === 'owner' ? (defaults.owner ?? '') : '');
    if (!value) errors[`tags.${key}`] = `tags.${key} is required by your team`;
    else {
      const problem = tagRuleProblem(rule, value);
      if (problem) errors[`tags.${key}`] = `tags.${key} ${problem} (a rule of your team)`;
    }
    tags[key] = value;
  }
  for (const [key, value] of Object.entries(extra)) {
    // Own keys only: `constructor` or `toString` is a tag like any other, not something every object has.
    if (requiredKeys.has(key)) continue;
    if (RESERVED.test(key)) errors[`tags.${key}`] = `tags.${key}: keys starting with aws: are reserved`;
    else if (key.length < 1 || key.length > 127) errors[`tags.${key}`] = `tags.${key}: keys must be 1 to 127 characters`;
    else if (!TAG_KEY_CHARS.test(key)) errors[`tags.${key}`] = `tags.${key}: keys may contain letters, digits, spaces and _.:/=+-@`;
    tags[key] = value;
  }
  for (const [key, value] of Object.entries(tags)) {
    if (value.length > 255) errors[`tags.${key}`] = `tags.${key}: values must be at most 255 characters`;
  }
  if (Object.keys(tags).length > 50) errors.tags = 'tags: a stack can have at most 50 tags';
  return { tags, errors };
}
