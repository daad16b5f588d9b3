import { expect, request as playwrightRequest, test } from '@playwright/test';
import { fromPortalPage } from '../support/origin';
import { storageState } from '../users';

// A path no API route serves answers the API's own 404: JSON in the error shape, for every method and
// every caller (not Next.js's HTML page, and not a 401 that would suggest signing in could help).

const UNKNOWN: [method: string, path: string][] = [
  ['GET', '/api/v1/nope'],
  ['GET', '/api/v2/launches'],
  ['GET', '/api'],
  ['POST', '/api/v1/launches/l1/restart'],
  ['PUT', '/api/v1/tokens/t1/name'],
  ['PATCH', '/api/nope'],
  ['DELETE', '/api/v1/kafka/clusters/c1/groups/g1/members'],
];

for (const caller of ['anonymous', 'falconDev'] as const) {
  test(`unknown API paths answer a JSON 404 in the error shape (${caller})`, async ({ baseURL }) => {
    const ctx = await playwrightRequest.newContext({
      baseURL,
      extraHTTPHeaders: fromPortalPage,
      ...(caller === 'anonymous' ? {} : { storageState: storageState(caller) }),
    });
    try {
      for (const [method, path] of UNKNOWN) {
        const res = await ctx.fetch(path, { method, ...(method === 'GET' ? {} : { data: {} }) });
        const where = `${method} ${path}`;
        expect(res.status(), where).toBe(404);
        expect(res.headers()['content-type'], where).toMatch(/^application\/json/);
        expect(await res.json(), where).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining(`${method} ${path}`) } });
      }
      // Known routes are untouched: a real operation still answers, and a wrong method on it is a 405.
      expect((await ctx.get('/api/v1/health')).status()).toBe(200);
      expect((await ctx.fetch('/api/v1/health', { method: 'DELETE' })).status()).toBe(405);
    } finally {
      await ctx.dispose();
    }
  });
}
