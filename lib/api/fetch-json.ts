import type { z } from 'zod';

/** The API's error shape, thrown by fetchJson so forms can show field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

declare const checked: unique symbol;

/** A request body checked at compile time against the zod schema its route parses it with (make one with jsonBody). */
export type JsonBody = { readonly [checked]: true; readonly value: unknown };

/**
 * A request body typed by the route's own schema, `jsonBody(createTokenSchema, { name })`: a field the
 * route does not take, or a wrong type, is a compile error here rather than a 422 at run time. The
 * schema is not run in the browser: the route parses and answers with field errors.
 */
export function jsonBody<S extends z.ZodType>(_schema: S, body: z.input<S>): JsonBody {
  return { value: body } as unknown as JsonBody;
}

/** fetch + JSON for the browser, turning `{ error }` answers into ApiError. A body goes in `json`, made by jsonBody. */
export async function fetchJson<T>(input: string, init?: Omit<RequestInit, 'body'> & { json?: JsonBody }): Promise<T> {
  const { json, ...rest } = init ?? {};
  const res = await fetch(input, {
    ...rest,
    headers: { ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json.value) : undefined,
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const err = (data as { error?: { code: string; message: string; fields?: Record<string, string[]> } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP', err?.message ?? `Request failed (${res.status})`, err?.fields);
  }
  return data as T;
}
