import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { resolveApiToken } from '@/server/tokens/queries';

// `npm run token -- create --user <email>` as automation uses it: the token is the last line of stdout.
const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
const run = (...args: string[]) =>
  execFileSync(tsx, ['--conditions=react-server', 'scripts/token.ts', ...args], { env: process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const email = `cli-${Date.now()}@example.com`;
let userId: string;

beforeAll(async () => {
  userId = (await db.user.create({ data: { email, name: 'CLI user' } })).id;
});
afterAll(async () => {
  await db.user.delete({ where: { id: userId } });
});

describe('the token command', () => {
  it('prints a working token on its last line, lists it, and revokes it', async () => {
    const out = run('create', '--user', email, '--name', 'pipeline');
    const token = out.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^slw_/);
    const resolved = await resolveApiToken(token);
    expect(resolved?.userId).toBe(userId);
    const listed = run('list', '--user', email);
    expect(listed).toContain('pipeline');
    expect(listed).not.toContain(token);
    run('revoke', '--id', resolved!.tokenId);
    expect(await resolveApiToken(token)).toBeNull();
  }, 60_000);

  it('explains what is wrong instead of printing a token', () => {
    expect(() => run('create', '--user', 'nobody@example.com')).toThrow(/no user with email nobody@example.com/);
    expect(() => run('create', '--user', email, '--days', '0')).toThrow(/--days must be a whole number/);
  }, 60_000);
});
