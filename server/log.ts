import 'server-only';
import { env } from '@/server/env';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Keys whose values never reach a log line, whatever the caller passes.
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|credential|private|noecho|sasl|key$/i;

/** Replaces values under secret-looking keys with a mask, recursively. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message };
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? '****' : redact(v, depth + 1)]));
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
