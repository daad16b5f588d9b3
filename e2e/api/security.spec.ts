import http from 'node:http';
import { randomInt } from 'node:crypto';
import { expect, test, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { fromPortalPage } from '../support/origin';
import { storageState } from '../users';

// Cross-site writes, response headers, rate limits and the canonical loopback name, against the
// built portal.

test.use({ storageState: storageState('falconDev') });
// Contexts made in a test take the file's options unless told otherwise: these carry nothing.
const noCookies = { cookies: [], origins: [] };

const signedIn = (baseURL: string, extraHTTPHeaders: Record<string, string> = {}) =>
  playwrightRequest.newContext({ baseURL, storageState: storageState('falconDev'), extraHTTPHeaders });

const probeName = () => `csrf-probe-${Date.now().toString(36)}-${randomInt(1e6)}`;

async function tokenNames(ctx: APIRequestContext): Promise<string[]> {
  const res = await ctx.get('/api/v1/tokens');
  expect(res.status()).toBe(200);
  return ((await res.json()).tokens as { name: string; revokedAt: string | null }[]).filter((t) => !t.revokedAt).map((t) => t.name);
}

test.describe('a write with the session cookie', () => {
  test('is refused without proof that the portal sent it, and creates nothing', async ({ baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const forged: [string, Record<string, string>][] = [
      ['no Origin and no Sec-Fetch-Site', {}],
      ['Origin with the wrong scheme', { Origin: origin.replace(/^http:/, 'https:') }],
      ['another site', { Origin: 'http://evil.example' }],
      ['another site naming itself in X-Forwarded-Host', { Origin: 'http://evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'http' }],
      ['Origin: null', { Origin: 'null' }],
      ['an unparseable Origin', { Origin: 'http://[not a url' }],
      ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
    ];
    const reader = await signedIn(baseURL!, fromPortalPage);
    for (const [what, headers] of forged) {
      const ctx = await signedIn(baseURL!, headers);
      const name = probeName();
      const res = await ctx.post('/api/v1/tokens', { data: { name } });
      expect(res.status(), what).toBe(403);
      expect((await res.json()).error, what).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/Cross-site request refused/) });
      expect(await tokenNames(reader), what).not.toContain(name);
      await ctx.dispose();
    }
    // Every method that changes something, not only POST.
    const bare = await signedIn(baseURL!);
    const created = await reader.post('/api/v1/tokens', { data: { name: probeName() } });
    expect(created.status()).toBe(201);
    const { id } = await created.json();
    expect((await bare.delete(`/api/v1/tokens/${id}`)).status()).toBe(403);
    expect((await reader.delete(`/api/v1/tokens/${id}`)).status()).toBe(200);
    await bare.dispose();
    await reader.dispose();
  });

  test('is accepted from the public origin, or when the browser says same-origin', async ({ baseURL }) => {
    const proofs: Record<string, string>[] = [{ Origin: new URL(baseURL!).origin }, { 'Sec-Fetch-Site': 'same-origin' }];
    for (const headers of proofs) {
      const ctx = await signedIn(baseURL!, headers);
      const name = probeName();
      const res = await ctx.post('/api/v1/tokens', { data: { name } });
      expect(res.status(), JSON.stringify(headers)).toBe(201);
      expect((await ctx.delete(`/api/v1/tokens/${(await res.json()).id}`)).status()).toBe(200);
      await ctx.dispose();
    }
  });
});

test('a write with an API token needs no Origin', async ({ baseURL, request }) => {
  const created = await request.post('/api/v1/tokens', { data: { name: probeName() } });
  expect(created.status()).toBe(201);
  const { token, id } = await created.json();
  const bearer = await playwrightRequest.newContext({ baseURL, storageState: noCookies, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const viaToken = await bearer.post('/api/v1/tokens', { data: { name: probeName() } });
  expect(viaToken.status()).toBe(201);
  expect((await bearer.delete(`/api/v1/tokens/${(await viaToken.json()).id}`)).status()).toBe(200);
  await bearer.dispose();
  expect((await request.delete(`/api/v1/tokens/${id}`)).status()).toBe(200);
});

test.describe('response headers', () => {
  test('pages carry a nonce-based Content-Security-Policy that the page’s scripts use, and are not cached', async ({ request }) => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await request.get('/catalog', { maxRedirects: 0 });
      expect(res.status()).toBe(200);
      const headers = res.headers();
      const policy = headers['content-security-policy'] ?? '';
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
      expect(nonce, policy).toBeTruthy();
      nonces.push(nonce!);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("'strict-dynamic'");
      expect(policy).not.toContain("'unsafe-eval'");
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(headers['permissions-policy']).toContain('camera=()');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['cache-control']).toContain('no-store');
      // Served over http: no HSTS (browsers ignore it there, and it would pin localhost to https).
      expect(headers['strict-transport-security']).toBeUndefined();
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  test('the redirect from / is not cacheable', async ({ request }) => {
    const res = await request.get('/', { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(res.headers().location).toMatch(/\/catalog$/);
    expect(res.headers()['cache-control']).toContain('no-store');
    expect(res.headers()['cache-control']).not.toMatch(/max-age=[1-9]|s-maxage/);
  });

  test('every API response says no-store', async ({ request, baseURL }) => {
    const anonymous = await playwrightRequest.newContext({ baseURL, storageState: noCookies });
    const responses = [
      await request.get('/api/v1/me'),
      await request.get('/api/v1/openapi.json'),
      await request.get('/api/v1/health'),
      await request.get('/api/auth/session'),
      await request.get('/api/v1/launches/no-such-launch'),
      await anonymous.get('/api/v1/me'),
      await anonymous.get('/api/auth/providers'),
    ];
    for (const res of responses) expect(res.headers()['cache-control'], res.url()).toContain('no-store');
    expect(responses.map((r) => r.status())).toEqual([200, 200, 200, 200, 404, 401, 200]);
    await anonymous.dispose();
  });
});

/**
 * A raw request from a chosen loopback address (Linux routes all of 127/8 to the portal on
 * 127.0.0.1), so each rate-limit test is a client of its own and leaves 127.0.0.1's budget alone.
 */
function requestFrom(
  localAddress: string,
  baseURL: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { port, host } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, localAddress, method: init.method ?? 'GET', headers: { Host: host, ...init.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
const someLoopbackAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
const forgedForwardedFor = (i: number) => ({ 'X-Forwarded-For': `198.51.100.${i}` });

test.describe('rate limits', () => {
  test('invalid API tokens: 20 per client address, then 429 with Retry-After; a forged X-Forwarded-For changes nothing', async ({ baseURL, request }) => {
    const created = await request.post('/api/v1/tokens', { data: { name: probeName() } });
    const { token, id } = await created.json();
    const client = someLoopbackAddress();
    for (let i = 0; i < 20; i++) {
      const res = await requestFrom(client, baseURL!, '/api/v1/me', {
        headers: { Authorization: `Bearer slw_not-a-real-token-${i}`, ...forgedForwardedFor(i) },
      });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const refused = await requestFrom(client, baseURL!, '/api/v1/me', { headers: { Authorization: 'Bearer slw_not-a-real-token', ...forgedForwardedFor(99) } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(JSON.parse(refused.body).error.code).toBe('RATE_LIMITED');
    // Refused before the token is looked at: a valid one from that address waits too.
    expect((await requestFrom(client, baseURL!, '/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(429);
    // Another address is not affected.
    expect((await requestFrom(someLoopbackAddress(), baseURL!, '/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await request.delete(`/api/v1/tokens/${id}`)).status()).toBe(200);
  });

  const signInAttempt = (client: string, baseURL: string, email: string, i: number) =>
    requestFrom(client, baseURL, '/api/auth/callback/demo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...forgedForwardedFor(i) },
      body: new URLSearchParams({ email, csrfToken: 'x', json: 'true' }).toString(),
    });

  test('sign-in: 10 attempts per e-mail address, from any client address', async ({ baseURL }) => {
    const email = `${probeName()}@example.com`;
    for (let i = 0; i < 10; i++) expect((await signInAttempt(someLoopbackAddress(), baseURL!, email, i)).status, `attempt ${i + 1}`).not.toBe(429);
    const refused = await signInAttempt(someLoopbackAddress(), baseURL!, email.toUpperCase(), 10);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // next-auth's signIn() in the browser follows `url`: the sign-in page explains.
    expect(JSON.parse(refused.body)).toMatchObject({ url: '/signin?error=TooManyAttempts', error: { code: 'RATE_LIMITED' } });
    expect((await signInAttempt(someLoopbackAddress(), baseURL!, `other-${email}`, 11)).status).not.toBe(429);
  });

  test('sign-in: 30 attempts per client address, whatever the e-mail', async ({ baseURL }) => {
    const client = someLoopbackAddress();
    for (let i = 0; i < 30; i++) expect((await signInAttempt(client, baseURL!, `${probeName()}@example.com`, i)).status, `attempt ${i + 1}`).not.toBe(429);
    const refused = await signInAttempt(client, baseURL!, `${probeName()}@example.com`, 31);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect((await signInAttempt(someLoopbackAddress(), baseURL!, `${probeName()}@example.com`, 32)).status).not.toBe(429);
  });
});

test.describe('the loopback name of the public URL', () => {
  test('pages asked for under another loopback name move to it, path and query kept; the API stays put', async ({ request, baseURL }) => {
    const publicUrl = new URL(baseURL!);
    test.skip(publicUrl.hostname !== 'localhost', 'the test portal’s public URL is on localhost');
    const other = `http://127.0.0.1:${publicUrl.port}`;
    const res = await request.get(`${other}/launches?includeDeleted=true`, { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(res.headers().location).toBe(`${publicUrl.origin}/launches?includeDeleted=true`);
    const signin = await request.get(`${other}/signin?callbackUrl=%2Fkafka`, { maxRedirects: 0 });
    expect(signin.headers().location).toBe(`${publicUrl.origin}/signin?callbackUrl=%2Fkafka`);
    expect((await request.get(`${other}/api/v1/health`, { maxRedirects: 0 })).status()).toBe(200);
  });
});
