import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { env, resetEnvForTests } from '@/server/env';

const saved = { ...process.env };

beforeEach(() => {
  delete process.env.NEXTAUTH_URL;
  delete process.env.SLIPWAY_PUBLIC_URL;
  delete process.env.SLIPWAY_TRUST_PROXY;
  resetEnvForTests();
});
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe('public URL and proxy settings', () => {
  it('defaults to next-auth’s own default, over http, trusting no proxy', () => {
    expect(env()).toMatchObject({ publicOrigin: 'http://localhost:3000', isHttps: false, trustProxy: false });
  });

  it('takes the public URL from NEXTAUTH_URL when SLIPWAY_PUBLIC_URL is unset', () => {
    process.env.NEXTAUTH_URL = 'https://portal.example.com/api/auth';
    expect(env()).toMatchObject({ publicOrigin: 'https://portal.example.com', isHttps: true });
  });

  it('hands SLIPWAY_PUBLIC_URL to next-auth when NEXTAUTH_URL is unset', () => {
    process.env.SLIPWAY_PUBLIC_URL = 'https://portal.example.com:8443/';
    expect(env().publicOrigin).toBe('https://portal.example.com:8443');
    expect(process.env.NEXTAUTH_URL).toBe('https://portal.example.com:8443');
  });

  it('refuses a public URL and NEXTAUTH_URL that disagree', () => {
    process.env.SLIPWAY_PUBLIC_URL = 'https://portal.example.com';
    process.env.NEXTAUTH_URL = 'http://portal.example.com';
    expect(() => env()).toThrow(/different origins/);
  });

  it('trusts forwarded headers only when told so', () => {
    process.env.SLIPWAY_TRUST_PROXY = 'true';
    expect(env().trustProxy).toBe(true);
    process.env.SLIPWAY_TRUST_PROXY = 'false';
    resetEnvForTests();
    expect(env().trustProxy).toBe(false);
    process.env.SLIPWAY_TRUST_PROXY = 'maybe';
    resetEnvForTests();
    expect(() => env()).toThrow(/SLIPWAY_TRUST_PROXY/);
  });
});

describe('audit retention', () => {
  afterEach(() => {
    delete process.env.SLIPWAY_AUDIT_RETENTION_DAYS;
  });

  it('keeps audit entries 400 days unless told otherwise', () => {
    delete process.env.SLIPWAY_AUDIT_RETENTION_DAYS;
    expect(env().SLIPWAY_AUDIT_RETENTION_DAYS).toBe(400);
    process.env.SLIPWAY_AUDIT_RETENTION_DAYS = '730';
    resetEnvForTests();
    expect(env().SLIPWAY_AUDIT_RETENTION_DAYS).toBe(730);
  });

  it('refuses fewer than 30 days, fractions and words, naming the variable and the rule', () => {
    for (const [value, rule] of [
      ['7', /SLIPWAY_AUDIT_RETENTION_DAYS: must be at least 30 days/],
      ['45.5', /SLIPWAY_AUDIT_RETENTION_DAYS: must be a whole number of days/],
      ['a year', /SLIPWAY_AUDIT_RETENTION_DAYS: must be a whole number of days/],
    ] as const) {
      process.env.SLIPWAY_AUDIT_RETENTION_DAYS = value;
      resetEnvForTests();
      expect(() => env(), value).toThrow(rule);
    }
  });
});
