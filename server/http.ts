import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError, isAppError, statusByCode, type FieldErrors } from '@/server/errors';
import { getRequestActor } from '@/server/auth/session';
import { log } from '@/server/log';
import { hasSameOriginProof } from '@/server/security/same-origin';
import type { Actor } from '@/server/auth/actor';
import { findJsonProblem, MAX_JSON_BODY_BYTES, MAX_JSON_DEPTH } from '@/lib/json-limits';

export type ApiErrorBody = { error: { code: string; message: string; fields?: FieldErrors; details?: Record<string, unknown> } };

/**
 * Turns zod issues into `{ "a.b": ["message"] }`, naming unknown keys as fields of their own. The map
 * has no prototype: keys come from the request, and `constructor` or `__proto__` must be plain keys.
 */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = Object.create(null);
  const add = (key: string, message: string) => (fields[key] ??= []).push(message);
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(base ? `${base}.${key}` : key, `${key} is not a known field`);
    } else {
      add(base || 'body', issue.message);
    }
  }
  return fields;
}

function describeFields(fields: FieldErrors): string {
  const parts = Object.entries(fields).map(([k, msgs]) => `${k}: ${msgs.join('; ')}`);
  return parts.length ? `Invalid input — ${parts.join('; ')}` : 'Invalid input';
}

/** Maps any thrown value to the API error shape; internals never leave the server. */
export function errorResponse(err: unknown): NextResponse<ApiErrorBody> {
  if (isAppError(err)) {
    return NextResponse.json(
      { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}), ...(err.details ? { details: err.details } : {}) } },
      { status: statusByCode[err.code] },
    );
  }
  if (err instanceof z.ZodError) {
    const fields = zodFieldErrors(err);
    return NextResponse.json({ error: { code: 'VALIDATION', message: describeFields(fields), fields } }, { status: 422 });
  }
  const errorId = randomUUID();
  log.error('unhandled error in API route', {
    errorId,
    error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
  });
  return NextResponse.json({ error: { code: 'INTERNAL', message: `Something went wrong on our side (error id ${errorId}).` } }, { status: 500 });
}

const bodyTooLarge = () =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024 / 1024} MiB (${MAX_JSON_BODY_BYTES} bytes), the most any API request accepts.`,
  );
const notJson = () => new AppError('VALIDATION', 'The request body is not valid JSON.', { fields: { body: ['is not valid JSON'] } });

/** `{ [field]: [message] }` without a prototype, for a field named by the request. */
function fieldError(field: string, message: string): FieldErrors {
  const fields: FieldErrors = Object.create(null);
  fields[field] = [message];
  return fields;
}

// Reads at most MAX_JSON_BODY_BYTES, so an oversized body is refused without being buffered whole.
async function readBodyText(req: Request): Promise<string> {
  if (Number(req.headers.get('content-length')) > MAX_JSON_BODY_BYTES) throw bodyTooLarge();
  if (!req.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > MAX_JSON_BODY_BYTES) {
      await reader.cancel();
      throw bodyTooLarge();
    }
    chunks.push(chunk.value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw notJson();
  }
}

/** Whether the request says its body is JSON (`application/json`, any parameters such as charset). */
function isJsonContentType(req: Request): boolean {
  const mediaType = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

// Size, media type, syntax, then depth and `__proto__` keys (which zod would overflow on or drop
// silently), all before zod sees the body. Parser messages are not echoed: they describe internals.
async function readJson(req: Request): Promise<unknown> {
  const text = await readBodyText(req);
  if (!text.trim()) return {};
  if (!isJsonContentType(req)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON, sent with Content-Type: application/json.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw notJson();
  }
  const problem = findJsonProblem(value);
  if (problem?.kind === 'too-deep') {
    const rule = `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels, the most any API request accepts`;
    throw new AppError('VALIDATION', `The request body ${rule}.`, { fields: fieldError(problem.field, rule) });
  }
  if (problem?.kind === 'prototype-key') {
    const rule = '__proto__ is not allowed as a key';
    throw new AppError('VALIDATION', `Invalid input — ${problem.field}: ${rule}`, { fields: fieldError(problem.field, rule) });
  }
  return value;
}

// Null prototype: a parameter named `__proto__` or `constructor` is an ordinary key zod can report.
function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? '');
  }
  return out;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type HandlerArgs<B, Q, A> = { req: Request; actor: A; body: B; query: Q; params: Record<string, string> };

type RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, Public extends boolean> = {
  /** Public routes (health) skip authentication. */
  public?: Public;
  body?: B;
  query?: Q;
};

type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** An HTTP status with a JSON body, for handlers that answer something other than 200. */
export class JsonResult {
  constructor(
    readonly body: unknown,
    readonly status: number,
    readonly headers?: Record<string, string>,
  ) {}
}

/** Wraps a route handler: authenticate -> parse input with zod -> handler -> JSON (or mapped error). */
export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, Public extends boolean = false>(
  options: RouteOptions<B, Q, Public>,
  handler: (args: HandlerArgs<Out<B>, Out<Q>, Public extends true ? Actor | null : Actor>) => Promise<unknown> | unknown,
) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    try {
      const actor = await getRequestActor(req).catch((err) => {
        if (options.public) return null;
        throw err;
      });
      if (!actor && !options.public) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token (Authorization: Bearer <token>).');
      if (actor?.via === 'session' && !['GET', 'HEAD'].includes(req.method)) assertSameOrigin(req);
      const rawParams = (await ctx?.params) ?? {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
      const body = options.body ? options.body.parse(await readJson(req)) : undefined;
      const query = options.query ? options.query.parse(queryObject(new URL(req.url))) : undefined;
      const result = await handler({ req, actor: actor as never, body: body as Out<B>, query: query as Out<Q>, params });
      if (result instanceof Response) return result;
      if (result instanceof JsonResult) return NextResponse.json(result.body, { status: result.status, headers: result.headers });
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return withRetryAfter(errorResponse(err), err);
    }
  };
}

// Cookie-authenticated writes must prove they come from our own pages: browsers attach cookies to
// requests any site starts. Tokens are never attached by browsers, so bearer writes need no proof.
function assertSameOrigin(req: Request) {
  if (!hasSameOriginProof(req.headers)) {
    throw new AppError(
      'FORBIDDEN',
      'Cross-site request refused: a write with the session cookie must come from the portal itself (Origin or Sec-Fetch-Site: same-origin).',
    );
  }
}

// A rate-limited caller is told when to come back (RFC 9110 Retry-After, in seconds).
function withRetryAfter(res: NextResponse<ApiErrorBody>, err: unknown): NextResponse<ApiErrorBody> {
  const seconds = isAppError(err) && err.code === 'RATE_LIMITED' ? err.details?.retryAfterSeconds : undefined;
  if (typeof seconds === 'number') res.headers.set('Retry-After', String(seconds));
  return res;
}
