import 'server-only';

import { logLevel as KafkaLogLevel, type logCreator, type LogEntry } from 'kafkajs';

import { log } from '@/server/log';

export type KafkaLogLevelName = 'error' | 'warn' | 'info' | 'debug';

/** Where redacted kafkajs log lines go; the worker's logger plugs in here. */
export type KafkaLogSink = (level: KafkaLogLevelName, message: string, fields: Record<string, unknown>) => void;

const REDACTED = '[redacted]';
/** Field names whose values are never logged, wherever they appear in an entry. */
const SECRET_FIELD = /pass(word)?|secret|token|credential|authorization|sasl|private.?key|^key$|^cert$|oauth/i;

const LEVEL_NAMES: Record<number, KafkaLogLevelName> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** The portal's structured log; the default sink. */
const portalKafkaLogSink: KafkaLogSink = (level, message, fields) => log[level](message, { source: 'kafkajs', ...fields });

/**
 * A kafkajs `logCreator` that strips secrets before anything reaches the sink: values of secret-looking
 * fields at any depth, and every occurrence of the known secret strings (passwords, keys) anywhere.
 */
export function createRedactingLogCreator(sink: KafkaLogSink = portalKafkaLogSink, knownSecrets: readonly string[] = []): logCreator {
  const secrets = knownSecrets.filter((s) => s.length >= 4);
  const scrub = (text: string) => secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text);
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, ...fields } = log;
      const redacted = redactFields(fields, scrub, 0) as Record<string, unknown>;
      sink(LEVEL_NAMES[level] ?? 'info', scrub(String(message)), namespace ? { namespace, ...redacted } : redacted);
    };
}

function redactFields(value: unknown, scrub: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value instanceof Error) return { name: value.name, message: scrub(value.message) };
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[nested]';
  if (Array.isArray(value)) return value.map((item) => redactFields(item, scrub, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_FIELD.test(key) ? REDACTED : redactFields(item, scrub, depth + 1);
  }
  return out;
}
