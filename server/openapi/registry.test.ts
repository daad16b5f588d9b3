import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { statusByCode } from '@/server/errors';
import { buildOpenApiDocument, ERROR_CODES, listOperations, toDocumentSchema } from '@/server/openapi/registry';
import '@/server/openapi/operations';
import { SQS_REQUEST_RULES } from '@/lib/cost/sqs-requests';

const apiRoot = path.join(process.cwd(), 'app/api/v1');

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === 'route.ts' ? [full] : [];
  });
}

/** Methods a route file exports, read from its source. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/as\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) found.add(m[1]!);
  return [...found];
}

type Operation = {
  operationId: string;
  security?: unknown[];
  requestBody?: { required: boolean; content: { 'application/json': { schema: Record<string, unknown>; example?: unknown } } };
  responses: Record<string, { description: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
};

function operation(doc: ReturnType<typeof buildOpenApiDocument>, method: string, opPath: string): Operation {
  const op = doc.paths[opPath]?.[method] as Operation | undefined;
  if (!op) throw new Error(`no ${method} ${opPath} in the document`);
  return op;
}

/** Every `$ref` string anywhere under `node`. */
function collectRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(collectRefs);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' ? [String(value)] : collectRefs(value)));
}

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument('test');

  it('lists every route under app/api/v1, and nothing that does not exist', () => {
    const actual = routeFiles(apiRoot).flatMap((file) => {
      const rel = path.relative(path.join(process.cwd(), 'app'), path.dirname(file));
      const openApiPath = `/${rel
        .split(path.sep)
        .map((seg) => seg.replace(/^\[\.{0,3}(\w+)\]$/, '{$1}'))
        .join('/')}`;
      return exportedMethods(readFileSync(file, 'utf8')).map((m) => `${m} ${openApiPath}`);
    });
    const documented = listOperations().map((o) => `${o.method} ${o.path}`);
    expect([...documented].sort()).toEqual([...actual].sort());
  });

  it('cites the AWS page of every SQS request rule in the sqs-batch operation', () => {
    const operation = buildOpenApiDocument('test').paths['/api/v1/cost/sqs-batch']?.post as { description?: string } | undefined;
    for (const { source } of SQS_REQUEST_RULES) expect(operation?.description).toContain(`(${source.url})`);
    expect(operation?.description).toContain('`sqsRequests`');
  });

  it('leaves out only the routes under app/api that are not operations, each for a reason', () => {
    const notOperations: Record<string, string> = {
      'auth/[...nextauth]': "next-auth's own sign-in, callback and session endpoints",
      '[[...unknown]]': 'the JSON 404 (error shape) for any path no route serves; a catch-all, not an operation to call',
    };
    const apiDir = path.join(process.cwd(), 'app/api');
    const outsideV1 = routeFiles(apiDir)
      .map((file) => path.relative(apiDir, path.dirname(file)).split(path.sep).join('/'))
      .filter((rel) => rel !== 'v1' && !rel.startsWith('v1/'));
    expect(outsideV1.sort()).toEqual(Object.keys(notOperations).sort());
    expect(listOperations().filter((o) => /\{unknown\}|nextauth/.test(o.path))).toEqual([]);
  });

  it('has no route handlers outside app/api but the deliberate ones, each for a reason', () => {
    const notOperations: Record<string, string> = {
      metrics: 'Prometheus text exposition for scrapers (not JSON), at the path they expect; same bearer tokens, documented in the README',
    };
    const appDir = path.join(process.cwd(), 'app');
    const outsideApi = routeFiles(appDir)
      .map((file) => path.relative(appDir, path.dirname(file)).split(path.sep).join('/'))
      .filter((rel) => rel !== 'api' && !rel.startsWith('api/'));
    expect(outsideApi.sort()).toEqual(Object.keys(notOperations).sort());
  });

  it('is OpenAPI 3.1 with request schemas from zod', () => {
    expect(doc.openapi).toBe('3.1.0');
    const post = operation(doc, 'post', '/api/v1/tokens');
    expect(Object.keys(post.requestBody!.content['application/json'].schema.properties as object)).toContain('name');
    expect(operation(doc, 'get', '/api/v1/health')).toMatchObject({ security: [] });
  });

  it('gives every operation its own verb-noun camelCase operationId, written out in its declaration', () => {
    const ids = listOperations().map((o) => o.operationId);
    for (const op of listOperations()) expect(op.operationId, `${op.method} ${op.path}`).toMatch(/^[a-z]+(?:[A-Z][a-z0-9]*)+$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operation(doc, 'get', '/api/v1/launches').operationId).toBe('listLaunches');
    expect(operation(doc, 'get', '/api/v1/launches/{id}').operationId).toBe('getLaunch');
    expect(operation(doc, 'post', '/api/v1/stepfunctions/executions').operationId).toBe('startExecution');
  });

  it('shows an example request body for every operation with a body, and its own schema accepts each one', () => {
    for (const op of listOperations()) {
      const where = `${op.method} ${op.path}`;
      if (!op.body) {
        expect(op.bodyExample, where).toBeUndefined();
        continue;
      }
      expect(op.bodyExample, where).toBeDefined();
      const parsed = op.body.safeParse(op.bodyExample);
      expect(parsed.error?.issues ?? [], where).toEqual([]);
      expect(operation(doc, op.method.toLowerCase(), op.path).requestBody!.content['application/json'].example, where).toEqual(op.bodyExample);
    }
  });

  it('pages the launches list on the server: limit (default 50, 1 to 200) and an opaque cursor', () => {
    const list = operation(doc, 'get', '/api/v1/launches') as { description?: string; parameters?: { name: string; schema: Record<string, unknown> }[] };
    const parameter = (name: string) => list.parameters?.find((p) => p.name === name)?.schema;
    expect(parameter('limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    expect(parameter('cursor')).toMatchObject({ type: 'string' });
    expect(list.description).toMatch(/`\{ launches, nextCursor \}`/);
    expect(operation(doc, 'get', '/api/v1/launches').responses['422']?.description).toMatch(/fields\.limit.*fields\.cursor/);
  });

  it('shows query examples only for operations with a query, and its own schema accepts each one', () => {
    for (const op of listOperations()) {
      const where = `${op.method} ${op.path}`;
      if (!op.queryExample) continue;
      expect(op.query, where).toBeDefined();
      const parsed = op.query!.safeParse(op.queryExample);
      expect(parsed.error?.issues ?? [], where).toEqual([]);
      const parameters =
        (operation(doc, op.method.toLowerCase(), op.path) as { parameters?: { name: string; in: string; example?: unknown }[] }).parameters ?? [];
      for (const [name, value] of Object.entries(op.queryExample)) {
        expect(parameters.find((p) => p.in === 'query' && p.name === name)?.example, `${where} ?${name}`).toBe(value);
      }
    }
    expect(listOperations().find((o) => o.operationId === 'listConsumerGroups')?.queryExample).toBeDefined();
  });

  it('marks a request body optional only when the API accepts an empty one', () => {
    expect(operation(doc, 'post', '/api/v1/stepfunctions/executions').requestBody!.required).toBe(true);
    // Both take `{}` (all fields optional or defaulted), which is what the API reads from an empty body.
    expect(operation(doc, 'delete', '/api/v1/launches/{id}').requestBody!.required).toBe(false);
    expect(operation(doc, 'post', '/api/v1/stepfunctions/executions/{arn}/stop').requestBody!.required).toBe(false);
  });

  it('documents the errors each operation can answer, all with the Error body', () => {
    const errorStatuses = (method: string, opPath: string) =>
      Object.entries(operation(doc, method, opPath).responses)
        .filter(([, r]) => r.content?.['application/json']?.schema?.$ref === '#/components/schemas/Error')
        .map(([status]) => Number(status));
    // Protected, JSON body, may conflict, calls AWS.
    expect(errorStatuses('post', '/api/v1/stepfunctions/executions')).toEqual([401, 403, 404, 409, 413, 415, 422, 429, 500, 502, 503]);
    // Protected, path parameter, no input.
    expect(errorStatuses('get', '/api/v1/launches/{id}')).toEqual([401, 403, 404, 429, 500]);
    // Protected, query.
    expect(errorStatuses('get', '/api/v1/launches')).toEqual([401, 403, 422, 429, 500]);
    // Public and without input; its 503 carries the health report, not an Error.
    expect(errorStatuses('get', '/api/v1/health')).toEqual([500]);
    expect(operation(doc, 'get', '/api/v1/health').responses['503']?.content?.['application/json']?.schema).toBeUndefined();
    expect(operation(doc, 'post', '/api/v1/cost/scenarios').responses['409']?.description).toMatch(/already has a scenario with this name/);
  });

  it('answers a 4xx on every operation except those that say why they cannot', () => {
    for (const op of listOperations()) {
      const statuses = Object.keys(operation(doc, op.method.toLowerCase(), op.path).responses).map(Number);
      const hasClientError = statuses.some((s) => s >= 400 && s < 500);
      expect(hasClientError, `${op.method} ${op.path}`).toBe(!op.noClientError);
    }
    expect(
      listOperations()
        .filter((o) => o.noClientError)
        .map((o) => o.operationId),
    ).toEqual(['getHealth', 'getOpenApiDocument']);
  });

  it("lists every error code the server answers with in the Error body's code enum", () => {
    const codes = (doc.components.schemas.Error as { properties: { error: { properties: { code: { enum: readonly string[] } } } } }).properties.error.properties
      .code.enum;
    expect(codes).toEqual(ERROR_CODES);
    for (const code of Object.keys(statusByCode)) expect(codes).toContain(code);
    expect(codes).toEqual(expect.arrayContaining(['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED']));
  });

  it("names the execution input's JSON value once as a component, and every reference resolves to a component", () => {
    const input = operation(doc, 'post', '/api/v1/stepfunctions/executions').requestBody!.content['application/json'].schema.properties as Record<
      string,
      unknown
    >;
    expect(input.input).toEqual({ anyOf: [{ type: 'string' }, { $ref: '#/components/schemas/JsonValue' }] });
    expect(doc.components.schemas.JsonValue).toMatchObject({ description: expect.stringMatching(/^Any JSON value/) });
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/[A-Z][A-Za-z0-9]*$/);
      expect(doc.components.schemas).toHaveProperty(ref.slice('#/components/schemas/'.length));
    }
    const text = JSON.stringify(doc);
    expect(text).not.toContain('"$defs"');
    expect(text).not.toContain('"$schema"');
  });
});

describe('toDocumentSchema', () => {
  type Tree = { label: string; children: Tree[] };

  it('refuses a recursive schema without an id instead of emitting references that point nowhere', () => {
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ label: z.string(), children: z.array(tree) }));
    expect(() => toDocumentSchema(z.object({ root: tree }), {}, 'POST /x')).toThrow(/POST \/x: zod emitted an unnamed definition .* Register it with an id/);
  });

  it('moves a registry-named recursive schema to the components and points its references there', () => {
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ label: z.string(), children: z.array(tree) }));
    const clash = z.object({ label: z.number() });
    tree.register(z.globalRegistry, { id: 'TestTree' });
    try {
      const components: Record<string, unknown> = {};
      expect(toDocumentSchema(z.object({ root: tree }), components, 'POST /x')).toEqual({
        type: 'object',
        properties: { root: { $ref: '#/components/schemas/TestTree' } },
        required: ['root'],
      });
      expect(collectRefs(components.TestTree)).toEqual(['#/components/schemas/TestTree']);
      // The same named schema again is fine; a different one under the same name is not.
      expect(() => toDocumentSchema(z.object({ other: tree }), components, 'POST /y')).not.toThrow();
      clash.register(z.globalRegistry, { id: 'TestTree' });
      expect(() => toDocumentSchema(z.object({ a: clash }), components, 'POST /z')).toThrow(/two different schemas are named TestTree/);
    } finally {
      z.globalRegistry.remove(tree).remove(clash);
    }
  });
});
