import type { TemplateParameterDto } from '@/lib/blueprints/types';
import { validateParameterValue, validateStackName } from '@/lib/launches/parameters';
import { mergeTags, type RequiredTagRule } from '@/lib/launches/tags';

// The launch form checks everything the server would refuse before asking for a change set, keyed
// like the API's field errors (`stackName`, `parameters.X`, `tags.X`) so both kinds of message land
// next to the same field.

export type LaunchFormInput = {
  stackName: string;
  parameters: TemplateParameterDto[];
  /** Form values; an empty string means "not given" (the template's default applies). */
  values: Record<string, string>;
  requiredTags: RequiredTagRule[];
  tags: [string, string][];
  owner: string;
};

/** Every problem the browser can see in a launch form, by field key; empty when it may be submitted. */
export function launchFormErrors(input: LaunchFormInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const stack = validateStackName(input.stackName);
  if (stack) errors.stackName = stack;
  for (const p of input.parameters) {
    const value = input.values[p.name];
    const problem = validateParameterValue(p, value === '' ? undefined : value);
    if (problem) errors[`parameters.${p.name}`] = problem;
  }
  const extra = Object.fromEntries(input.tags.filter(([k]) => k.trim() !== ''));
  Object.assign(errors, mergeTags(input.requiredTags, extra, { owner: input.owner }).errors);
  return errors;
}

/** Merges browser and server field errors (the server's first message per field); the browser's win for a field both name. */
export function mergeFieldErrors(client: Record<string, string>, server: Record<string, string[]> | undefined): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [key, messages] of Object.entries(server ?? {})) if (messages[0]) merged[key] = messages[0];
  return { ...merged, ...client };
}
