import 'server-only';
import { notFound } from 'next/navigation';
import { isAppError } from '@/server/errors';
import { PAGE_PROBLEM_CODES, type PageProblem } from '@/lib/page-problem';

// How every page loads its data. Pages render problems themselves: in production Next.js replaces a
// thrown error's message with a digest, and "the sandbox is not running; start it with ..." or "your
// teams cannot see this cluster" must reach the reader as written. A missing record is the 404 page:
// notFound() answers HTTP 404 because pages decide it before anything streams (no loading.tsx above
// them; slow live reads stream inside the page, after this).

export type PageLoad<T> = { ok: true; data: T } | { ok: false; problem: PageProblem };

const isShownCode = (code: string): code is PageProblem['code'] => (PAGE_PROBLEM_CODES as readonly string[]).includes(code);

/** The problem to show for an error a reader can act on; null for anything else (a bug: error.tsx shows it). */
export function toPageProblem(error: unknown): PageProblem | null {
  if (!isAppError(error) || !isShownCode(error.code)) return null;
  const dependency = typeof error.details?.dependency === 'string' ? error.details.dependency : null;
  return { code: error.code, message: error.message, dependency };
}

/** Run a page's server function: NOT_FOUND becomes the 404 page, problems a reader can act on come back to show, others are thrown. */
export async function loadForPage<T>(work: () => Promise<T>): Promise<PageLoad<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    const problem = toPageProblem(error);
    if (problem) return { ok: false, problem };
    throw error;
  }
}
