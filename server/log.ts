import 'server-only';
import { env } from '@/server/env';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Keys whose values never reach a log line, whatever the caller passes.
const SECRET_KEY = /pass(word|phrase)?|secret|token|authorization|cookie|credential|private|noecho|sasl|signature|external_?id|key$/i;
const MASK = '****';
const MAX_DEPTH = 8;

// Secrets inside free text (error messages, URLs): a URL's password, a bearer or basic credential,
// and `name=value` / `name: value` pairs under a secret-looking name.
const SECRET_IN_TEXT: [RegExp, string][] = [
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, `$1${MASK}@`],
  [/\b(bearer|basic)\s+[a-z0-9._~+/=-]+/gi, `$1 ${MASK}`],
  [/\b([\w-]*(?:password|passwd|secret|token|api[_-]?key|signature|credential)["']?\s*[=:]\s*["']?)[^\s"'&,;]+/gi, `$1${MASK}`],
];

/** Masks secrets written inside a string. */
export function redactText(text: string): string {
  return SECRET_IN_TEXT.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/**
 * Replaces values under secret-looking keys with a mask, at any depth, in arrays and in errors
 * (their message, own fields, `cause` and aggregated errors); masks secrets inside strings. What
 * is deeper than it looks at, or refers back to itself, is left out rather than written raw.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, 0, new WeakSet());
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    const walk = (v: unknown) => redactValue(v, depth + 1, seen);
    if (Array.isArray(value)) return value.map(walk);
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? MASK : walk(v)] as const);
    if (!(value instanceof Error)) return Object.fromEntries(entries);
    return {
      name: value.name,
      message: redactText(value.message),
      ...Object.fromEntries(entries),
      ...(value.cause !== undefined ? { cause: walk(value.cause) } : {}),
      ...(value instanceof AggregateError ? { errors: walk(value.errors) } : {}),
    };
  } finally {
    // A value seen twice side by side is not a cycle: only its own descendants must not reach it.
    seen.delete(value);
  }
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (order[level] < order[env().SLIPWAY_LOG_LEVEL]) return;
  const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...(fields ? (redact(fields) as object) : {}) });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}

/** Structured JSON logging with secrets redacted. */
export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
};
