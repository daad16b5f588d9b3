import { describe, expect, it } from 'vitest';
import { canonicalLoopbackUrl } from '@/server/security/canonical-host';

const at = (host: string | null, pathname = '/catalog', search = '', publicOrigin = 'http://localhost:3000') =>
  canonicalLoopbackUrl(host, { pathname, search }, publicOrigin);

describe('canonical loopback host', () => {
  it('sends another loopback spelling to the public one, keeping path and query', () => {
    expect(at('127.0.0.1:3000', '/launches/new', '?blueprint=a&x=1')).toBe('http://localhost:3000/launches/new?blueprint=a&x=1');
    expect(at('127.0.0.1:3000', '/')).toBe('http://localhost:3000/');
    expect(at('[::1]:3000')).toBe('http://localhost:3000/catalog');
    expect(at('localhost:3000', '/signin', '', 'http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/signin');
  });

  it('serves the public name, other ports and non-loopback names as they are', () => {
    expect(at('localhost:3000')).toBeNull();
    expect(at('LOCALHOST:3000')).toBeNull();
    expect(at('127.0.0.1:4000')).toBeNull();
    expect(at('portal.example.com')).toBeNull();
    expect(at('127.0.0.1:3000', '/catalog', '', 'https://portal.example.com')).toBeNull();
    expect(at(null)).toBeNull();
    expect(at('bad host name')).toBeNull();
  });

  it('cannot be turned into an open redirect by the path', () => {
    expect(at('127.0.0.1:3000', '//evil.example/x')).toBe('http://localhost:3000//evil.example/x');
    expect(new URL(at('127.0.0.1:3000', '/\\evil.example')!).host).toBe('localhost:3000');
  });
});
