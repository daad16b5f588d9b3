import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import type { AuditFieldChange } from '@/lib/audit/dto';

/** What an edit did to a secret: the audit log says only this, never a value. */
export type SecretChange = { from: 'set' | 'not set'; to: 'set' | 'replaced' | 'cleared' };

/**
 * The fields whose values differ between `before` and `after`, as `{ field: { from, to } }`; fields
 * not in `fields` are ignored, so a caller lists what an admin may change and nothing else leaks in.
 */
export function describeChanges(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): Record<string, AuditFieldChange> {
  const changes: Record<string, AuditFieldChange> = {};
  for (const field of fields) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (!isDeepStrictEqual(from, to)) changes[field] = { from, to };
  }
  return changes;
}

/** How a write-only secret changed (null: it did not), from whether it was set and what the edit asked. */
export function describeSecretChange(wasSet: boolean, edit: 'keep' | 'replace' | 'clear'): SecretChange | null {
  const from = wasSet ? 'set' : 'not set';
  if (edit === 'replace') return { from, to: wasSet ? 'replaced' : 'set' };
  if (edit === 'clear' && wasSet) return { from, to: 'cleared' };
  return null;
}

const SECRET_STATES = new Set(['set', 'not set', 'replaced', 'cleared']);

/** True when a value is a secret change as `describeSecretChange` writes it (the audit log keeps only those unmasked). */
export function isSecretChange(value: unknown): value is SecretChange {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length === 2 && entries.every(([k, v]) => (k === 'from' || k === 'to') && typeof v === 'string' && SECRET_STATES.has(v));
}
