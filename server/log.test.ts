import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '@/server/env';
import { log, redact, redactText } from './log';

const SECRET = 'hunter2-SECRET-VALUE';
const leaks = (value: unknown) => JSON.stringify(value).includes(SECRET);

describe('redact', () => {
  it('masks every secret-looking key, at the top and at any depth, in arrays too', () => {
    const keys = [
      'password',
      'Password',
      'passphrase',
      'clientSecret',
      'secretAccessKey',
      'sessionToken',
      'authorization',
      'Set-Cookie',
      'credentials',
      'privateKey',
      'saslPassword',
      'apiKey',
      'x-api-key',
      'signature',
      'externalId',
      'external_id',
      'NoEchoValue',
    ];
    for (const key of keys) {
      expect(redact({ [key]: SECRET }), key).toEqual({ [key]: '****' });
      expect(leaks(redact({ a: [{ b: { c: [[{ [key]: SECRET }]] } }] })), key).toBe(false);
    }
    // A secret key's whole value goes, whatever its shape.
    expect(redact({ sasl: { mechanism: 'scram-sha-512', username: 'u', password: SECRET } })).toEqual({ sasl: '****' });
    expect(redact({ team: 'falcon', stackName: 's', count: 3, ok: true, none: null })).toEqual({
      team: 'falcon',
      stackName: 's',
      count: 3,
      ok: true,
      none: null,
    });
  });

  it('never writes a value it did not look at: beyond its depth or in a cycle it writes a marker', () => {
    let deep: Record<string, unknown> = { password: SECRET, note: SECRET };
    for (let i = 0; i < 20; i++) deep = { nested: deep };
    expect(leaks(redact(deep))).toBe(false);
    expect(JSON.stringify(redact(deep))).toContain('[too deep]');

    const cyclic: Record<string, unknown> = { name: 'loop', token: SECRET };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ name: 'loop', token: '****', self: '[circular]' });
    // The same object twice side by side is not a cycle.
    const shared = { region: 'us-east-1' };
    expect(redact({ a: shared, b: shared })).toEqual({ a: shared, b: shared });
  });

  it('masks secrets inside errors: message, own fields, cause chain and aggregated errors', () => {
    const root = Object.assign(new Error(`connect to postgres://app:${SECRET}@db:5432/slipway failed`), { code: 'ECONNREFUSED', password: SECRET });
    const middle = new Error(`SASL authentication failed with password=${SECRET}`, { cause: root });
    const top = new AggregateError([new Error(`Authorization: Bearer ${SECRET}`)], 'several failed', { cause: middle });
    const out = redact({ error: top }) as { error: Record<string, unknown> };
    expect(leaks(out)).toBe(false);
    expect(out.error).toMatchObject({
      name: 'AggregateError',
      message: 'several failed',
      errors: [{ name: 'Error', message: 'Authorization: Bearer ****' }],
      cause: {
        message: 'SASL authentication failed with password=****',
        cause: { message: 'connect to postgres://app:****@db:5432/slipway failed', code: 'ECONNREFUSED', password: '****' },
      },
    });
  });

  it('masks secrets written inside strings, leaving the rest readable', () => {
    expect(redactText(`https://user:${SECRET}@example.com/x`)).toBe('https://user:****@example.com/x');
    expect(redactText(`https://example.com/x?X-Amz-Signature=${SECRET}&X-Amz-Security-Token=${SECRET}&a=1`)).toBe(
      'https://example.com/x?X-Amz-Signature=****&X-Amz-Security-Token=****&a=1',
    );
    expect(redactText(`{"clientSecret": "${SECRET}"}`)).toBe('{"clientSecret": "****"}');
    expect(redactText(`Basic ${SECRET}`)).toBe('Basic ****');
    expect(redactText('Stack it-sqs-1 is in UPDATE_ROLLBACK_COMPLETE state')).toBe('Stack it-sqs-1 is in UPDATE_ROLLBACK_COMPLETE state');
    expect(redact({ reason: `bad url https://a:${SECRET}@h` })).toEqual({ reason: 'bad url https://a:****@h' });
  });

  it('writes dates and bytes as what they are, not as their fields', () => {
    const at = new Date('2026-12-06T03:00:00Z');
    expect(redact({ at, body: Buffer.from(SECRET) })).toEqual({ at: '2026-12-06T03:00:00.000Z', body: `[${SECRET.length} bytes]` });
  });
});

describe('log', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetEnvForTests();
  });

  it('writes one JSON line with the fields redacted', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    log.error('could not connect', { cluster: 'c1', error: new Error('x', { cause: { password: SECRET } }), sasl: { password: SECRET } });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'error',
      message: 'could not connect',
      cluster: 'c1',
      sasl: '****',
      error: { message: 'x', cause: { password: '****' } },
    });
    expect(lines[0]).not.toContain(SECRET);
  });
});
