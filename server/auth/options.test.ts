import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '@/server/env';

// The options only name these; they run at sign-in, never here.
vi.mock('@/server/auth/queries', () => ({}));
vi.mock('@/server/audit/queries', () => ({}));

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
  vi.resetModules();
});

async function optionsFor(publicUrl: string) {
  process.env.SLIPWAY_PUBLIC_URL = publicUrl;
  delete process.env.NEXTAUTH_URL;
  process.env.NEXTAUTH_SECRET = 'x'.repeat(32);
  resetEnvForTests();
  return (await import('@/server/auth/options')).authOptions();
}

describe('next-auth cookies', () => {
  it('are Secure (and __Secure-/__Host- prefixed) when the public URL is https', async () => {
    expect((await optionsFor('https://portal.example.com')).useSecureCookies).toBe(true);
  });

  it('are plain over http', async () => {
    expect((await optionsFor('http://localhost:3000')).useSecureCookies).toBe(false);
  });
});
