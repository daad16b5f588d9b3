import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, createNonce, deploymentHeaders } from '@/server/security/response-headers';

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([name, ...values]) => [name, values]),
  );

describe('Content-Security-Policy', () => {
  it('allows scripts by this response’s nonce only, and no framing', () => {
    const policy = directives(buildContentSecurityPolicy({ nonce: 'abc123==', isDev: false, isHttps: false }));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('keeps inline styles working: no nonce in style-src, which would switch unsafe-inline off', () => {
    const policy = directives(buildContentSecurityPolicy({ nonce: 'n', isDev: false, isHttps: false }));
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('adds unsafe-eval in development only, and upgrades requests over https only', () => {
    expect(directives(buildContentSecurityPolicy({ nonce: 'n', isDev: true, isHttps: false })).get('script-src')).toContain("'unsafe-eval'");
    expect(directives(buildContentSecurityPolicy({ nonce: 'n', isDev: false, isHttps: true })).has('upgrade-insecure-requests')).toBe(true);
    expect(directives(buildContentSecurityPolicy({ nonce: 'n', isDev: false, isHttps: false })).has('upgrade-insecure-requests')).toBe(false);
  });

  it('makes a different nonce every time, of at least 128 bits', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    expect(Buffer.from([...nonces][0]!, 'base64')).toHaveLength(16);
  });
});

describe('deployment headers', () => {
  it('sends HSTS when the portal is served over https, and not over http', () => {
    expect(deploymentHeaders({ isHttps: true })['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(deploymentHeaders({ isHttps: false })).toEqual({});
  });
});
