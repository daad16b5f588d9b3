import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Actor } from '@/server/auth/actor';
import { MAX_JSON_BODY_BYTES, MAX_JSON_DEPTH } from '@/lib/json-limits';

const actor: Actor = { userId: 'u1', email: 'dev@example.com', name: 'Dev', isPlatformAdmin: false, teams: [], via: 'token' };
// Authentication has its own tests; here every request is signed in.
vi.mock('@/server/auth/session', () => ({ getRequestActor: async () => actor }));
const { apiRoute, zodFieldErrors } = await import('@/server/http');
const { listOperations } = await import('@/server/openapi/registry');
await import('@/server/openapi/operations');

/** Every property of Object.prototype: `constructor`, `toString`, `__proto__`, `hasOwnProperty`, … */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype);

const context = { params: Promise.resolve({}) };
const ok = () => ({ ok: true });

async function send(route: ReturnType<typeof apiRoute>, init: RequestInit & { query?: string } = {}) {
  const res = await route(new Request(`http://localhost/api/v1/x${init.query ?? ''}`, { method: 'POST', ...init }), context);
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; fields?: Record<string, string[]> } } };
}
const json = (text: string, contentType = 'application/json') => ({ body: text, headers: { 'content-type': contentType } });

/** A body object with the union's discriminator set (e.g. `kind`), so the error lists the other fields. */
function discriminatorOf(schema: z.ZodType): Record<string, unknown> {
  const doc = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { oneOf?: unknown[]; anyOf?: unknown[] };
  const first = (doc.oneOf ?? doc.anyOf)?.[0] as { properties?: Record<string, { const?: unknown }> } | undefined;
  return Object.fromEntries(Object.entries(first?.properties ?? {}).flatMap(([key, p]) => ('const' in p ? [[key, p.const]] : [])));
}

/** `{...base, "<key>": 1}` as text, so `__proto__` stays an own key. */
const bodyWithKey = (base: Record<string, unknown>, key: string) =>
  `${JSON.stringify(base).slice(0, -1)}${Object.keys(base).length ? ',' : ''}${JSON.stringify(key)}:1}`;

describe('zodFieldErrors', () => {
  it('keeps keys named like Object.prototype properties as plain fields', () => {
    const result = z.strictObject({ name: z.string() }).safeParse(JSON.parse('{"name":"x","constructor":1,"toString":2,"__proto__":3}'));
    const fields = zodFieldErrors(result.error!);
    expect(Object.keys(fields)).toEqual(['constructor', 'toString', '__proto__']);
    expect(fields.constructor).toEqual(['constructor is not a known field']);
    expect(JSON.parse(JSON.stringify(fields))).toHaveProperty(['__proto__'], ['__proto__ is not a known field']);
  });
});

describe('every documented operation', () => {
  const withInput = listOperations().filter((op) => op.body || op.query);

  it('has bodies or queries to check', () => expect(withInput.length).toBeGreaterThan(20));

  for (const op of withInput) {
    const route = apiRoute({ body: op.body, query: op.query }, ok);
    it(`${op.method} ${op.path} answers 422 naming each Object.prototype key`, async () => {
      for (const key of PROTOTYPE_KEYS) {
        const res = op.body
          ? await send(route, { method: op.method, ...json(bodyWithKey(discriminatorOf(op.body), key)) })
          : await send(route, { method: op.method, query: `?${encodeURIComponent(key)}=1` });
        expect(res.status, `${key} in the ${op.body ? 'body' : 'query'}`).toBe(422);
        expect(Object.keys(res.body.error?.fields ?? {}), key).toContain(key);
      }
    });
  }
});

describe('apiRoute reading a JSON body', () => {
  const route = apiRoute(
    { body: z.strictObject({ name: z.string(), input: z.json().optional(), tags: z.record(z.string(), z.string()).optional() }) },
    ({ body }) => body,
  );

  it('reads JSON sent as application/json, with or without a charset', async () => {
    expect(await send(route, json('{"name":"a"}'))).toEqual({ status: 200, body: { name: 'a' } });
    expect((await send(route, json('{"name":"a"}', 'Application/JSON; charset=utf-8'))).status).toBe(200);
  });

  it('refuses a body without the JSON media type with 415, but an empty body needs none', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
      const res = await send(route, json('{"name":"a"}', contentType));
      expect(res.status, contentType).toBe(415);
      expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('Content-Type: application/json') });
    }
    expect((await send(route, { body: '{"name":"a"}', headers: {} })).status).toBe(415);
    const empty = await send(apiRoute({ body: z.strictObject({}) }, ok), { method: 'DELETE' });
    expect(empty.status).toBe(200);
  });

  it('says "not valid JSON" without the parser’s own words', async () => {
    for (const text of ['{not json', '{"name": "a",}', '\u00ff\u00fe']) {
      const res = await send(route, json(text));
      expect(res.status).toBe(422);
      expect(res.body.error).toEqual({ code: 'VALIDATION', message: 'The request body is not valid JSON.', fields: { body: ['is not valid JSON'] } });
    }
    const badUtf8 = await route(
      new Request('http://localhost/x', { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0x7d]), headers: { 'content-type': 'application/json' } }),
      context,
    );
    expect((await badUtf8.json()).error.message).toBe('The request body is not valid JSON.');
  });

  it(`refuses bodies over ${MAX_JSON_BODY_BYTES} bytes with 413, by their declared length or as they stream`, async () => {
    const big = JSON.stringify({ name: 'x'.repeat(MAX_JSON_BODY_BYTES) });
    const declared = await send(route, json(big));
    expect(declared.status).toBe(413);
    expect(declared.body.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('1 MiB (1048576 bytes)') });

    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 4 * MAX_JSON_BODY_BYTES) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await route(
      new Request('http://localhost/x', { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit),
      context,
    );
    expect(streamed.status).toBe(413);
    // It stopped reading soon after the limit instead of buffering everything the client would send.
    expect(sent).toBeLessThan(MAX_JSON_BODY_BYTES + 3 * chunk.byteLength);
    expect((await send(route, json(JSON.stringify({ name: 'x'.repeat(MAX_JSON_BODY_BYTES - 20) })))).status).toBe(200);
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels with 422 naming the field, even 5,000 levels`, async () => {
    const deep = `{"name":"a","input":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await send(route, json(deep));
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('VALIDATION');
    expect(res.body.error?.message).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    expect(res.body.error?.fields).toEqual({ input: [expect.stringContaining(`deeper than ${MAX_JSON_DEPTH} levels`)] });
    const fits = `{"name":"a","input":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    expect((await send(route, json(fits))).status).toBe(200);
  });

  it('refuses __proto__ keys anywhere, which zod would drop from records without a word', async () => {
    const res = await send(route, json('{"name":"a","tags":{"env":"dev","__proto__":"x"}}'));
    expect(res.status).toBe(422);
    expect(res.body.error?.fields).toEqual({ 'tags.__proto__': ['__proto__ is not allowed as a key'] });
    const keyed = await send(route, json('{"name":"a","tags":{"constructor":"c","toString":"t"}}'));
    expect(keyed).toEqual({ status: 200, body: { name: 'a', tags: { constructor: 'c', toString: 't' } } });
  });
});

describe('apiRoute reading a query string', () => {
  const route = apiRoute({ query: z.strictObject({ q: z.string().optional() }) }, ({ query }) => query);

  it('reports __proto__ and constructor parameters instead of dropping or tripping on them', async () => {
    for (const key of ['__proto__', 'constructor', 'hasOwnProperty']) {
      const res = await send(route, { method: 'GET', query: `?q=x&${key}=1` });
      expect(res.status, key).toBe(422);
      expect(res.body.error?.fields, key).toEqual({ [key]: [`${key} is not a known field`] });
    }
    expect(await send(route, { method: 'GET', query: '?q=x' })).toEqual({ status: 200, body: { q: 'x' } });
  });
});
