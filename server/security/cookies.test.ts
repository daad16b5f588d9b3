import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/server/env';
import { baseCookieOptions } from '@/server/security/cookies';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

function optionsFor(publicUrl: string) {
  process.env.SLIPWAY_PUBLIC_URL = publicUrl;
  process.env.NEXTAUTH_URL = publicUrl;
  resetEnvForTests();
  return baseCookieOptions();
}

describe('cookie attributes', () => {
  it('are Secure when the portal is served over https', () => {
    expect(optionsFor('https://portal.example.com')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'lax' });
  });

  it('are not Secure over http, where the browser would drop them', () => {
    expect(optionsFor('http://localhost:3000')).toMatchObject({ secure: false, httpOnly: true });
  });
});
