import { expect, test, type APIRequestContext } from '@playwright/test';
import { storageState } from '../users';

// Hostile and careless input through the running portal: keys named like Object.prototype
// properties on every documented operation, bodies too deep, too large or not JSON, numbers out of
// any realistic range, names that would display as something else.

/** Every property of Object.prototype: `constructor`, `toString`, `__proto__`, `hasOwnProperty`, … */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype);

type JsonSchema = { oneOf?: JsonSchema[]; anyOf?: JsonSchema[]; properties?: Record<string, { const?: unknown }> };
type Operation = { method: string; path: string; body?: JsonSchema; queryParams: string[] };

async function listOperationsWithInput(request: APIRequestContext): Promise<Operation[]> {
  type DocOp = { requestBody?: { content: { 'application/json': { schema: JsonSchema } } }; parameters?: { name: string; in: string }[] };
  const doc = (await (await request.get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, DocOp>> };
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content['application/json'].schema,
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    )
    .filter((op) => op.body || op.queryParams.length);
}

/** A union's discriminator (e.g. `kind`) from its first branch, so the answer lists the other fields. */
function discriminatorOf(schema: JsonSchema): Record<string, unknown> {
  const first = (schema.oneOf ?? schema.anyOf)?.[0];
  return Object.fromEntries(Object.entries(first?.properties ?? {}).flatMap(([key, p]) => ('const' in p ? [[key, p.const]] : [])));
}

/** `{...base, "<key>": 1}` as text, so `__proto__` stays an own key on the wire. */
const bodyWithKey = (base: Record<string, unknown>, key: string) =>
  `${JSON.stringify(base).slice(0, -1)}${Object.keys(base).length ? ',' : ''}${JSON.stringify(key)}:1}`;

const JSON_HEADERS = { 'content-type': 'application/json' };
/** Bytes, sent as they are: Playwright would JSON-encode a string that is not valid JSON, and overflows on deep values. */
const raw = (text: string) => Buffer.from(text);

test.describe('as a falcon developer', () => {
  test.use({ storageState: storageState('falconDev') });

  test('every operation with a body or query answers 422 naming a prototype-named key, never 500', async ({ request }) => {
    const operations = await listOperationsWithInput(request);
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations) {
      const url = op.path.replace(/\{[^}]+\}/g, 'x');
      for (const key of PROTOTYPE_KEYS) {
        const what = `${key} in the ${op.body ? 'body' : 'query'} of ${op.method} ${op.path}`;
        const res = op.body
          ? await request.fetch(url, { method: op.method, data: raw(bodyWithKey(discriminatorOf(op.body), key)), headers: JSON_HEADERS })
          : await request.fetch(`${url}?${encodeURIComponent(key)}=1`, { method: op.method });
        expect(res.status(), what).toBe(422);
        const { error } = await res.json();
        expect(error.code, what).toBe('VALIDATION');
        expect(Object.keys(error.fields), what).toContain(key);
      }
    }
  });

  test('an execution input nested 5,000 levels deep is a 422 that names the input and the limit', async ({ request }) => {
    const stateMachineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:deep';
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    // As a JSON value inside the body, and as JSON text in a string.
    for (const input of [deep, JSON.stringify(deep)]) {
      const res = await request.post('/api/v1/stepfunctions/executions', {
        data: raw(`{"stateMachineArn":"${stateMachineArn}","input":${input}}`),
        headers: JSON_HEADERS,
      });
      expect(res.status()).toBe(422);
      const { error } = await res.json();
      expect(error.fields.input[0]).toMatch(/64 levels/);
    }
  });

  test('a body over 1 MiB is a 413, a body that is not JSON a 415, malformed JSON a 422 without parser internals', async ({ request }) => {
    const big = await request.post('/api/v1/tokens', { data: { name: 'x'.repeat(1024 * 1024) } });
    expect(big.status()).toBe(413);
    expect((await big.json()).error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('1 MiB') });

    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }]) {
      const res = await request.post('/api/v1/tokens', { data: raw('{"name":"ci"}'), headers });
      expect(res.status(), headers['content-type']).toBe(415);
      expect((await res.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }

    for (const text of ['{not json', '{"name": "ci",}', '{"name": "ci"']) {
      const res = await request.post('/api/v1/tokens', { data: raw(text), headers: JSON_HEADERS });
      expect(res.status()).toBe(422);
      expect((await res.json()).error).toEqual({ code: 'VALIDATION', message: 'The request body is not valid JSON.', fields: { body: ['is not valid JSON'] } });
    }
  });

  test('numbers beyond any realistic workload are refused with the limit, not priced', async ({ request }) => {
    const sqs = {
      messagesPerDay: 1_000_000,
      batchSizes: [10],
      baseMemoryMb: 256,
      batchMemoryOverheadMb: 128,
      batchIncrement: 300,
      warmLatencyMs: 2 ** 64,
      perMessageMs: 10,
      messageSizeKb: 4,
      architecture: 'arm64',
      region: 'us-east-1',
      includeFreeTier: false,
    };
    const res = await request.post('/api/v1/cost/sqs-batch', { data: sqs });
    expect(res.status()).toBe(422);
    expect((await res.json()).error.fields).toEqual({ warmLatencyMs: ['warmLatencyMs must be at most 900000 (the 15-minute Lambda timeout)'] });
  });

  test('names with control or bidirectional formatting characters are refused', async ({ request }) => {
    const token = await request.post('/api/v1/tokens', { data: { name: 'ci-\u202egpj.exe' } });
    expect(token.status()).toBe(422);
    expect((await token.json()).error.fields.name[0]).toMatch(/bidirectional formatting characters/);
    const scenario = await request.post('/api/v1/cost/scenarios', {
      data: {
        name: 'line\nbreak',
        kind: 'lambda',
        input: {
          architecture: 'arm64',
          region: 'us-east-1',
          memoryMb: 128,
          durationMs: 1,
          invocationsPerMonth: 1,
          ephemeralStorageMb: 512,
          includeFreeTier: false,
        },
      },
    });
    expect(scenario.status()).toBe(422);
    expect((await scenario.json()).error.fields.name[0]).toMatch(/control characters/);
  });

  test('offset resets name topics Kafka would refuse', async ({ request }) => {
    const res = await request.post('/api/v1/kafka/clusters/x/groups/g/reset', { data: { topics: [{ topic: 'orders/v2' }], strategy: { kind: 'earliest' } } });
    expect(res.status()).toBe(422);
    expect(Object.keys((await res.json()).error.fields)).toEqual(['topics.0.topic']);
  });
});
