import 'server-only';
import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One documented API operation. Every route file under app/api/v1 must have its entries here. */
export type ApiOperation = {
  method: HttpMethod;
  /** OpenAPI path, e.g. /api/v1/tokens/{id} */
  path: string;
  summary: string;
  tag: string;
  public?: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Status -> description of the success answer(s). Errors are documented once for all. */
  responses?: Record<number, string>;
};

const operations: ApiOperation[] = [];

/** Registers operations for the OpenAPI document (called by server/openapi/operations.ts). */
export function registerOperations(...ops: ApiOperation[]): void {
  for (const op of ops) {
    if (!operations.some((o) => o.method === op.method && o.path === op.path)) operations.push(op);
  }
}

export function listOperations(): readonly ApiOperation[] {
  return operations;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'VALIDATION', 'RATE_LIMITED', 'UNAVAILABLE', 'UPSTREAM', 'INTERNAL'],
        },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

/** Builds the OpenAPI 3.1 document from the registered operations. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryParams = op.query
      ? Object.entries((jsonSchema(op.query) as { properties?: Record<string, unknown>; required?: string[] }).properties ?? {}).map(([name, schema]) => ({
          name,
          in: 'query',
          required: ((jsonSchema(op.query!) as { required?: string[] }).required ?? []).includes(name),
          schema,
        }))
      : [];
    const errors = {
      ...(op.public
        ? {}
        : { 401: { description: 'No valid session or API token', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } }),
      ...(op.public
        ? {}
        : {
            403: {
              description: 'Signed in, but your team role does not allow this (or a cookie-authenticated write came from another site)',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
            429: {
              description: 'Too many invalid API tokens from this client address; the Retry-After header says when to try again',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          }),
      ...(op.body || op.query
        ? {
            422: {
              description: 'Invalid input; `fields` names each bad field',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          }
        : {}),
      500: {
        description: 'Unexpected error (details are logged, not returned)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    };
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.public ? { security: [] } : {}),
      ...(params.length || queryParams.length ? { parameters: [...params, ...queryParams] } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      responses: {
        ...Object.fromEntries(Object.entries(op.responses ?? { 200: 'OK' }).map(([status, description]) => [status, { description }])),
        ...errors,
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
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
