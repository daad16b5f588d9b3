import { describe, expect, it } from 'vitest';
import { getClientAddress } from '@/server/security/client-address';

const address = (xff: string | undefined, trustProxy: boolean) =>
  getClientAddress(new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff }), trustProxy);

describe('client address for rate limits', () => {
  it('behind a trusted proxy, takes the address the proxy appended, not what the client claimed', () => {
    expect(address('203.0.113.9', true)).toBe('203.0.113.9');
    expect(address('6.6.6.6, 203.0.113.9', true)).toBe('203.0.113.9');
  });

  it('without a proxy, takes the socket address Next.js recorded', () => {
    expect(address('127.0.0.1', false)).toBe('127.0.0.1');
    expect(address('::ffff:127.0.0.5', false)).toBe('127.0.0.5');
    expect(address('::1', false)).toBe('::1');
  });

  it('names a missing address rather than failing', () => {
    expect(address(undefined, false)).toBe('unknown');
    expect(address('', true)).toBe('unknown');
  });
});
