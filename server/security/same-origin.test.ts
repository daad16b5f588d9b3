import { describe, expect, it } from 'vitest';
import { hasSameOriginProof } from '@/server/security/same-origin';

const PUBLIC = 'http://localhost:3000';
const proof = (headers: Record<string, string>) => hasSameOriginProof(new Headers(headers), PUBLIC);

describe('same-origin proof for cookie-authenticated writes', () => {
  it('accepts the public origin exactly, or a browser saying same-origin', () => {
    expect(proof({ origin: 'http://localhost:3000' })).toBe(true);
    expect(proof({ 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(proof({ origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' })).toBe(true);
  });

  it('refuses a request without either header', () => {
    expect(proof({})).toBe(false);
    expect(proof({ host: 'localhost:3000' })).toBe(false);
  });

  it('refuses another scheme, host or port', () => {
    expect(proof({ origin: 'https://localhost:3000' })).toBe(false);
    expect(proof({ origin: 'http://localhost:3001' })).toBe(false);
    expect(proof({ origin: 'http://127.0.0.1:3000' })).toBe(false);
    expect(proof({ origin: 'http://evil.example' })).toBe(false);
  });

  it('never trusts forwarded headers', () => {
    expect(proof({ origin: 'http://evil.example', 'x-forwarded-host': 'evil.example', host: 'evil.example' })).toBe(false);
    expect(proof({ origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' })).toBe(false);
  });

  it('refuses opaque and malformed origins without throwing', () => {
    expect(proof({ origin: 'null' })).toBe(false);
    expect(proof({ origin: 'not a url at all' })).toBe(false);
    expect(proof({ origin: 'http://localhost:3000/' })).toBe(false);
    expect(proof({ origin: 'http://localhost:3000, http://evil.example' })).toBe(false);
  });

  it('does not take a cross-site or same-site fetch for same-origin', () => {
    expect(proof({ 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(proof({ 'sec-fetch-site': 'same-site', origin: 'http://other.localhost:3000' })).toBe(false);
    expect(proof({ 'sec-fetch-site': 'none' })).toBe(false);
  });
});
