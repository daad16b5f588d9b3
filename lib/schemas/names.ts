import { z } from 'zod';

// Names people give things (tokens, scenarios, clusters, targets) are shown to others in lists and
// the audit log. Control characters break those lines, and Unicode's bidirectional controls make a
// name display as something else (after U+202E the rest of a name reads right to left), so neither
// is allowed.

/** C0 and C1 control characters, tab and newline included: a name is one line. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;

/**
 * Unicode bidirectional formatting characters: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069), the left-to-right and right-to-left marks (U+200E, U+200F) and the Arabic letter
 * mark (U+061C).
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

/**
 * A trimmed, non-empty name of at most `max` characters without control or bidirectional formatting
 * characters; every message starts with `field`.
 */
export function displayNameSchema(field: string, { max, min = 1, required = `${field} is required` }: { max: number; min?: number; required?: string }) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? required : `${field} must be a string`) })
    .trim()
    .min(min, min > 1 ? `${field} must be at least ${min} characters` : required)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((name) => !CONTROL_CHARACTER.test(name), `${field} must not contain control characters (tabs, line breaks, U+0000–U+001F, U+007F–U+009F)`)
    .refine(
      (name) => !BIDI_CONTROL.test(name),
      `${field} must not contain bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)`,
    );
}
