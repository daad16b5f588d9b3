import 'server-only';
import { isAppError, type ErrorCode } from '@/server/errors';

// Pages render AWS problems themselves: in production Next.js replaces a thrown error's message with a
// digest, and "the sandbox is not running; start it with ..." must reach the reader as written.

export interface PageProblem {
  code: ErrorCode;
  message: string;
  /** Which dependency is down, when that is the problem (`sandbox-aws`, `aws`). */
  dependency: string | null;
}

export type PageLoad<T> = { ok: true; data: T } | { ok: false; problem: PageProblem };

const SHOWN_CODES = new Set<ErrorCode>(['UNAVAILABLE', 'UPSTREAM', 'NOT_FOUND', 'FORBIDDEN', 'VALIDATION', 'BAD_REQUEST', 'CONFLICT']);

/** Run a page's server function; AppErrors a reader can act on come back as a problem to show, others are thrown. */
export async function loadForPage<T>(work: () => Promise<T>): Promise<PageLoad<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (err) {
    if (isAppError(err) && SHOWN_CODES.has(err.code)) {
      const dependency = typeof err.details?.dependency === 'string' ? err.details.dependency : null;
      return { ok: false, problem: { code: err.code, message: err.message, dependency } };
    }
    throw err;
  }
}
