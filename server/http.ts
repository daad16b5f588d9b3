import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError, isAppError, statusByCode, type FieldErrors } from '@/server/errors';
import { getRequestActor } from '@/server/auth/session';
import { log } from '@/server/log';
import { hasSameOriginProof } from '@/server/security/same-origin';
import type { Actor } from '@/server/auth/actor';

export type ApiErrorBody = { error: { code: string; message: string; fields?: FieldErrors; details?: Record<string, unknown> } };

/** Turns zod issues into `{ "a.b": ["message"] }`, naming unknown keys as fields of their own. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
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
  const prismaCode = (err as { code?: unknown })?.code;
  if (prismaCode === 'P2025') return NextResponse.json({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, { status: 404 });
  if (prismaCode === 'P2002') return NextResponse.json({ error: { code: 'CONFLICT', message: 'That already exists.' } }, { status: 409 });
  const errorId = randomUUID();
  log.error('unhandled error in API route', {
    errorId,
    error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
  });
  return NextResponse.json({ error: { code: 'INTERNAL', message: `Something went wrong on our side (error id ${errorId}).` } }, { status: 500 });
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError('VALIDATION', `The request body is not valid JSON: ${(e as Error).message}`, { fields: { body: ['must be valid JSON'] } });
  }
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
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
