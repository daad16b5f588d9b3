import { describe, expect, it } from 'vitest';
import { AppError } from '@/server/errors';
import { loadForPage } from '@/server/page-load';

/** What Next.js's notFound() throws: its digest tells the renderer to answer with the 404 page. */
const NOT_FOUND_DIGEST = 'NEXT_HTTP_ERROR_FALLBACK;404';

describe('loadForPage', () => {
  it('hands back the data', async () => {
    expect(await loadForPage(async () => ({ id: 'c1' }))).toEqual({ ok: true, data: { id: 'c1' } });
  });

  it('turns a missing record into the 404 page', async () => {
    const thrown = await loadForPage(async () => {
      throw new AppError('NOT_FOUND', 'No cluster c9.');
    }).catch((error: unknown) => error);
    expect((thrown as { digest?: string }).digest).toBe(NOT_FOUND_DIGEST);
  });

  it('returns refusals and unreachable dependencies as a problem to show, with the message as written', async () => {
    expect(
      await loadForPage(async () => {
        throw new AppError('FORBIDDEN', 'Team falcon owns this cluster.');
      }),
    ).toEqual({ ok: false, problem: { code: 'FORBIDDEN', message: 'Team falcon owns this cluster.', dependency: null } });
    expect(
      await loadForPage(async () => {
        throw new AppError('UNAVAILABLE', 'The sandbox is not running.', { details: { dependency: 'sandbox-aws' } });
      }),
    ).toEqual({ ok: false, problem: { code: 'UNAVAILABLE', message: 'The sandbox is not running.', dependency: 'sandbox-aws' } });
  });

  it('throws anything else on to error.tsx', async () => {
    await expect(
      loadForPage(async () => {
        throw new AppError('INTERNAL', 'bug');
      }),
    ).rejects.toThrow('bug');
    await expect(
      loadForPage(async () => {
        throw new TypeError('undefined is not a function');
      }),
    ).rejects.toThrow(TypeError);
  });
});
