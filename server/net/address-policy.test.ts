import { describe, expect, it } from 'vitest';

import { type AddressClass, checkIpAddress, classifyIpAddress, toIpLiteral } from './address-policy';

describe('classifyIpAddress', () => {
  it.each<[string, AddressClass]>([
    // cloud metadata and instance services, named before the wider ranges they sit in
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['169.254.170.23', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['fd00:ec2::23', 'metadata'],
    ['FD00:0EC2:0000:0000:0000:0000:0000:0254', 'metadata'],
    // unspecified: 0.0.0.0/8 and ::
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['0.255.255.255', 'unspecified'],
    ['::', 'unspecified'],
    ['0:0:0:0:0:0:0:0', 'unspecified'],
    // loopback
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    // link-local
    ['169.254.0.1', 'link-local'],
    ['169.254.255.255', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    // private: RFC 1918, CGNAT, ULA (and the deprecated site-local)
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.255', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fec0::1', 'private'],
    // multicast
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    // reserved and broadcast
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    // public, including the neighbours of every range above
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['52.94.236.248', 'public'],
    ['1.0.0.0', 'public'],
    ['126.255.255.255', 'public'],
    ['128.0.0.1', 'public'],
    ['169.253.255.255', 'public'],
    ['169.255.0.1', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.1', 'public'],
    ['192.167.255.255', 'public'],
    ['192.169.0.1', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.1', 'public'],
    ['223.255.255.255', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['2600:1f18:abcd::1', 'public'],
    ['fe00::1', 'public'],
    ['fd00:ec3::254', 'private'],
  ])('%s is %s', (address, expected) => {
    expect(classifyIpAddress(address)).toBe(expected);
  });

  it.each<[string, AddressClass]>([
    // IPv4-mapped
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:224.0.0.1', 'multicast'],
    ['::ffff:8.8.8.8', 'public'],
    // IPv4-compatible
    ['::169.254.169.254', 'metadata'],
    ['::127.0.0.1', 'loopback'],
    // NAT64 (well-known and local-use prefixes)
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::169.254.1.1', 'link-local'],
    ['64:ff9b:1::a9fe:a9fe', 'metadata'],
    ['64:ff9b::8.8.8.8', 'public'],
    // 6to4
    ['2002:a9fe:a9fe::1', 'metadata'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:808:808::1', 'public'],
  ])('%s carries an IPv4 address and is judged by it: %s', (address, expected) => {
    expect(classifyIpAddress(address)).toBe(expected);
  });

  it('refuses to classify a host name', () => {
    expect(() => classifyIpAddress('kafka.example.com')).toThrow(/Not an IP address/);
  });
});

describe('toIpLiteral', () => {
  it.each([
    ['169.254.169.254', '169.254.169.254'],
    ['2852039166', '169.254.169.254'],
    ['0xa9fea9fe', '169.254.169.254'],
    ['0XA9FEA9FE', '169.254.169.254'],
    ['0251.0376.0251.0376', '169.254.169.254'],
    ['0xa9.0xfe.0xa9.0xfe', '169.254.169.254'],
    ['169.254.43518', '169.254.169.254'],
    ['169.16689662', '169.254.169.254'],
    ['0x7f.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['[::1]', '::1'],
    ['[::ffff:169.254.169.254]', '::ffff:a9fe:a9fe'],
    ['[FD00:EC2:0:0:0:0:0:254]', 'fd00:ec2::254'],
    ['fe80::1%eth0', 'fe80::1'],
  ])('%s is the address %s', (host, address) => {
    expect(toIpLiteral(host)).toBe(address);
  });

  it.each([
    'kafka.example.com',
    'b-1.orders.abc123.c2.kafka.us-east-1.amazonaws.com',
    'localhost',
    'metadata.google.internal',
    'deadbeef',
    'cafe.be',
    '1.2.3.4.5',
    '256.1.1.1',
  ])('%s is a host name, left to DNS', (host) => {
    expect(toIpLiteral(host)).toBeNull();
  });

  it('every spelling of the metadata address is classified as metadata', () => {
    for (const spelling of ['2852039166', '0xa9fea9fe', '0251.0376.0251.0376', '169.254.43518', '[::ffff:169.254.169.254]']) {
      expect(classifyIpAddress(toIpLiteral(spelling)!), spelling).toBe('metadata');
    }
  });
});

describe('checkIpAddress', () => {
  const strict = { allowPrivateNetworks: false };
  const lenient = { allowPrivateNetworks: true };

  it('allows public addresses under either policy', () => {
    expect(checkIpAddress('8.8.8.8', strict)).toEqual({ address: '8.8.8.8', class: 'public', allowed: true });
    expect(checkIpAddress('2001:4860:4860::8888', lenient)).toMatchObject({ allowed: true });
  });

  it.each(['127.0.0.1', '::1', '10.1.2.3', '172.20.0.5', '192.168.0.10', '100.64.1.1', 'fd12::1', '::ffff:127.0.0.1'])(
    '%s is refused by default and allowed when private networks are',
    (address) => {
      const refused = checkIpAddress(address, strict);
      expect(refused).toMatchObject({ allowed: false, rule: expect.stringContaining('SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS') });
      expect(checkIpAddress(address, lenient)).toMatchObject({ allowed: true });
    },
  );

  it.each<[string, RegExp]>([
    ['169.254.169.254', /metadata/],
    ['fd00:ec2::254', /metadata/],
    ['100.100.100.200', /metadata/],
    ['::ffff:169.254.169.254', /metadata/],
    ['169.254.10.10', /link-local/],
    ['fe80::1', /link-local/],
    ['0.0.0.0', /unspecified/],
    ['::', /unspecified/],
    ['224.0.0.251', /multicast/],
    ['ff02::fb', /multicast/],
    ['255.255.255.255', /reserved/],
  ])('%s is refused even when private networks are allowed', (address, rule) => {
    for (const policy of [strict, lenient]) {
      const verdict = checkIpAddress(address, policy);
      expect(verdict.allowed).toBe(false);
      if (!verdict.allowed) {
        expect(verdict.rule).toMatch(rule);
        expect(verdict.rule).toMatch(/never allowed/);
      }
    }
  });
});
