import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Statuses answered with the shared Error body (`components/schemas/Error`). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

/** One documented API operation. Every route file under app/api/v1 must have its entries here. */
export type ApiOperation = {
  /**
   * Verb-noun camelCase (`listLaunches`), unique. Generated clients name their methods and types after
   * it, so it is written out rather than derived from the path, and never renamed.
   */
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path, e.g. /api/v1/tokens/{id} */
  path: string;
  summary: string;
  /** Longer Markdown than the summary, for rules a client needs to read the answer (optional). */
  description?: string;
  tag: string;
  public?: boolean;
  body?: z.ZodType;
  /** A request body `body` accepts, shown as the example (a unit test parses it with `body`). */
  bodyExample?: unknown;
  query?: z.ZodType;
  /** Query parameters `query` accepts, each shown as its parameter's example (a unit test parses them with `query`). */
  queryExample?: Record<string, string | number>;
  /** An answer of the first success status, shown as its example. */
  responseExample?: unknown;
  /** The media type of the success answers when it is not JSON (an export as JSON lines). */
  responseMediaType?: string;
  /** Status -> description of the answers that are not errors (default `200: 'OK'`). */
  responses?: Record<number, string>;
  /**
   * Error answers besides the ones every operation of its kind gets (see `defaultErrorStatuses`), or a
   * more precise description of one of those.
   */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** Why the operation has no 4xx answer at all; the unit test waives Redocly's operation-4xx-response for it. */
  noClientError?: string;
};

const operations: ApiOperation[] = [];

/** Registers operations for the OpenAPI document (called by server/openapi/operations.ts). */
export function registerOperations(...ops: ApiOperation[]): void {
  for (const op of ops) {
    if (!operations.some((o) => o.method === op.method && o.path === op.path)) operations.push(op);
  }
}

/** The registered operations, in registration order. */
export function listOperations(): readonly ApiOperation[] {
  return operations;
}

/**
 * The codes an Error body can carry, including those for body limits (413, 415) and rate limiting
 * (429). A unit test fails when server/errors.ts maps a code that is not listed here.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'VALIDATION',
  'RATE_LIMITED',
  'INTERNAL',
  'UPSTREAM',
  'UNAVAILABLE',
] as const;

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: ERROR_CODES },
        message: { type: 'string' },
        fields: {
          type: 'object',
          description: 'Each bad field (dotted path) with what is wrong with it',
          additionalProperties: { type: 'array', items: { type: 'string' } },
        },
        details: { type: 'object', description: 'Extra facts about the error that are safe to show', additionalProperties: true },
      },
    },
  },
  example: { error: { code: 'VALIDATION', message: 'Invalid input — name: name is required', fields: { name: ['name is required'] } } },
};

const errorDescriptions: Record<ErrorStatus, string> = {
  400: 'The request cannot be served as asked; the message says why',
  401: 'No valid session or API token',
  403: 'Signed in, but not allowed: your team role does not allow this, or a session-cookie write came from another site',
  404: 'No such resource, or none your teams may see',
  409: 'Conflicts with the current state; the message says how',
  413: 'The request body is larger than the API accepts',
  415: 'The request body is not `application/json`',
  422: 'Invalid input; `fields` names each bad field',
  429: 'Too many invalid API tokens or sign-in attempts from this client address; the Retry-After header says when to try again',
  500: 'Unexpected error (details are logged, not returned)',
  502: 'AWS or Kafka refused or failed the call; the message says what to fix',
  503: 'AWS or Kafka cannot be reached right now; try again',
};

/** The error statuses an operation has by its kind: credentials, path parameters, input, a JSON body. */
export function defaultErrorStatuses(op: ApiOperation): ErrorStatus[] {
  const statuses: ErrorStatus[] = [];
  if (!op.public) statuses.push(401, 403, 429);
  if (op.path.includes('{')) statuses.push(404);
  if (op.body) statuses.push(413, 415);
  if (op.body || op.query) statuses.push(422);
  statuses.push(500);
  return statuses;
}

/** Error answers of operations that call AWS on the caller's behalf. */
export const awsErrors = {
  502: 'AWS refused or failed the call; the message says what to fix (for example a permission the target role lacks)',
  503: 'AWS cannot be reached or is throttling; try again',
} satisfies ApiOperation['errors'];

type JsonSchema = Record<string, unknown>;

const componentPrefix = '#/components/schemas/';

/** Points `$ref`s at components: zod's `#/$defs/X` become `#/components/schemas/X`. */
function rewriteRefs(node: unknown, where: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, where));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key !== '$ref') return [key, rewriteRefs(value, where)];
      const ref = String(value);
      if (!ref.startsWith('#/$defs/')) {
        // `#` (a recursive root) or `#/$defs/__schemaN` would point into the document itself or at nothing.
        throw new Error(`${where}: cannot place the JSON Schema reference ${ref} in the OpenAPI document`);
      }
      return [key, componentPrefix + ref.slice('#/$defs/'.length)];
    }),
  );
}

/**
 * Converts a zod schema to JSON Schema for the document. Definitions zod emits in `$defs` (recursive
 * or registered schemas, named by their registry id) move to `components/schemas`, so every
 * reference resolves and each named schema appears once.
 */
export function toDocumentSchema(schema: z.ZodType, components: Record<string, unknown>, where: string): JsonSchema {
  const {
    $schema: _dialect,
    $defs,
    ...root
  } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, unknown> };
  for (const [name, def] of Object.entries($defs ?? {})) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
      throw new Error(
        `${where}: zod emitted an unnamed definition "${name}" (a recursive schema). Register it with an id, e.g. .register(z.globalRegistry, { id: 'PascalCaseName' })`,
      );
    }
    const component = rewriteRefs(def, where);
    if (name in components && !isDeepStrictEqual(components[name], component)) throw new Error(`${where}: two different schemas are named ${name}`);
    components[name] = component;
  }
  return rewriteRefs(root, where) as JsonSchema;
}

const errorContent = { 'application/json': { schema: { $ref: `${componentPrefix}Error` } } };

/** Builds the OpenAPI 3.1 document from the registered operations. */
export function buildOpenApiDocument(version: string) {
  const components: Record<string, unknown> = { Error: errorSchema };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const where = `${op.method} ${op.path}`;
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = op.query ? toDocumentSchema(op.query, components, where) : undefined;
    const queryRequired = (query?.required as string[] | undefined) ?? [];
    const queryParams = Object.entries((query?.properties as Record<string, unknown> | undefined) ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: queryRequired.includes(name),
      schema,
      ...(op.queryExample?.[name] === undefined ? {} : { example: op.queryExample[name] }),
    }));
    const requestBody = op.body && {
      // The API reads an empty body as `{}`, so a body whose fields are all optional may be left out.
      required: !op.body.safeParse({}).success,
      content: {
        'application/json': {
          schema: toDocumentSchema(op.body, components, where),
          ...(op.bodyExample === undefined ? {} : { example: op.bodyExample }),
        },
      },
    };
    const errorStatuses = [...new Set([...defaultErrorStatuses(op), ...(Object.keys(op.errors ?? {}).map(Number) as ErrorStatus[])])].sort((a, b) => a - b);
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      ...(op.public ? { security: [] } : {}),
      ...(params.length || queryParams.length ? { parameters: [...params, ...queryParams] } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses: {
        // Answers are JSON; their shapes are not described yet, so typed clients see `unknown`.
        ...Object.fromEntries(
          Object.entries(op.responses ?? { 200: 'OK' }).map(([status, description], i) => [
            status,
            {
              description,
              content: { [op.responseMediaType ?? 'application/json']: i === 0 && op.responseExample !== undefined ? { example: op.responseExample } : {} },
            },
          ]),
        ),
        ...Object.fromEntries(
          errorStatuses.map((status) => [status, { description: op.errors?.[status] ?? errorDescriptions[status], content: errorContent }]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Slipway API',
      version,
      description:
        'JSON API of the Slipway developer portal. Authenticate with a session cookie or `Authorization: Bearer <token>` (create tokens in Settings or with `npm run token`).',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API token (slw_…)' },
        session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' },
      },
      schemas: components,
    },
    paths,
  };
}
