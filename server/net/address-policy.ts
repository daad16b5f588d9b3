import 'server-only';

import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';

/**
 * Which IP addresses the portal may open outbound connections to (Kafka brokers today), as pure
 * functions of the address: no DNS here (see server/kafka/broker-guard.ts for resolution).
 *
 * Some classes are refused whatever the settings say: nothing legitimate lives there and they reach
 * the host itself or the cloud's instance services (metadata, credentials). Loopback and private
 * ranges are where real clusters usually live inside a VPC, so one setting allows them.
 */

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'metadata' | 'reserved';

export interface OutboundAddressPolicy {
  /** Allow loopback (127.0.0.0/8, ::1) and private ranges (RFC 1918, 100.64.0.0/10, fc00::/7). */
  allowPrivateNetworks: boolean;
}

export type AddressVerdict = { address: string; class: AddressClass; allowed: true } | { address: string; class: AddressClass; allowed: false; rule: string };

const ALWAYS_REFUSED: ReadonlySet<AddressClass> = new Set(['unspecified', 'link-local', 'multicast', 'metadata', 'reserved']);

/** The rule each refused class breaks, in words for a form and an error log. */
const ADDRESS_RULES: Record<Exclude<AddressClass, 'public'>, string> = {
  metadata: 'cloud metadata and instance service addresses are never allowed',
  unspecified: 'unspecified addresses (0.0.0.0/8, ::) are never allowed',
  'link-local': 'link-local addresses (169.254.0.0/16, fe80::/10) are never allowed',
  multicast: 'multicast addresses (224.0.0.0/4, ff00::/8) are never allowed',
  reserved: 'reserved addresses (240.0.0.0/4, broadcast) are never allowed',
  loopback: 'loopback addresses (127.0.0.0/8, ::1) are allowed only when SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS is on',
  private:
    'private addresses (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7) are allowed only when SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS is on',
};

function blockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [network, bits] = entry.split('/') as [string, string | undefined];
    const type = isIPv6(network) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(network, type);
    else list.addSubnet(network, Number(bits), type);
  }
  return list;
}

// First match wins: metadata addresses sit inside link-local (169.254.169.254), CGNAT
// (100.100.100.200, Alibaba) and ULA (fd00:ec2::254, AWS) ranges and must be named as what they are.
const CLASSES: readonly (readonly [Exclude<AddressClass, 'public'>, BlockList])[] = [
  [
    'metadata',
    blockList([
      '169.254.169.254', // AWS, GCP, Azure, OCI, OpenStack
      '169.254.170.2', // ECS task credentials
      '169.254.170.23', // EKS Pod Identity agent
      '100.100.100.200', // Alibaba Cloud
      '168.63.129.16', // Azure WireServer
      'fd00:ec2::/64', // AWS instance services over IPv6 (IMDS fd00:ec2::254, Pod Identity fd00:ec2::23)
    ]),
  ],
  ['unspecified', blockList(['0.0.0.0/8', '::'])],
  ['loopback', blockList(['127.0.0.0/8', '::1'])],
  ['link-local', blockList(['169.254.0.0/16', 'fe80::/10'])],
  ['private', blockList(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7', 'fec0::/10'])],
  ['multicast', blockList(['224.0.0.0/4', 'ff00::/8'])],
  ['reserved', blockList(['240.0.0.0/4'])],
];

/**
 * The IP literal a host name stands for, canonical (`169.254.169.254`, `fd00:ec2::254`), or null for
 * a real host name. Accepts `[v6]` brackets and every IPv4 spelling the OS resolver accepts
 * (`2852039166`, `0xa9fea9fe`, `0251.0376.0251.0376`, `169.254.43518`), which WHATWG URL parsing
 * normalises the same way.
 */
export function toIpLiteral(host: string): string | null {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1');
  const unzoned = bare.replace(/%.*$/, '');
  if (isIP(unzoned)) return isIPv6(unzoned) ? canonicalIpv6(unzoned) : unzoned;
  if (!/^[0-9a-fA-FxX.]+$/.test(bare)) return null;
  try {
    const hostname = new URL(`http://${bare}/`).hostname;
    return isIPv4(hostname) ? hostname : null;
  } catch {
    return null;
  }
}

function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** The class of an IP address (v4 or v6); IPv6 forms that carry an IPv4 address are judged by it. */
export function classifyIpAddress(address: string): AddressClass {
  const ip = address.replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 0) throw new Error(`Not an IP address: ${address}`);
  if (family === 6) {
    const embedded = embeddedIpv4(ip);
    if (embedded) return classifyIpAddress(embedded);
  }
  const type = family === 6 ? 'ipv6' : 'ipv4';
  return CLASSES.find(([, list]) => list.check(ip, type))?.[0] ?? 'public';
}

/** Whether the policy lets the portal connect to an IP address, and which rule refuses it. */
export function checkIpAddress(address: string, policy: OutboundAddressPolicy): AddressVerdict {
  const addressClass = classifyIpAddress(address);
  if (addressClass === 'public' || (!ALWAYS_REFUSED.has(addressClass) && policy.allowPrivateNetworks)) {
    return { address, class: addressClass, allowed: true };
  }
  return { address, class: addressClass, allowed: false, rule: ADDRESS_RULES[addressClass] };
}

/**
 * The IPv4 address inside IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64
 * (64:ff9b::/96, 64:ff9b:1::/48) and 6to4 (2002::/16) addresses: each reaches that IPv4 host.
 */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const v4 = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  if (zeros(0, 5) && g[5] === 0xffff) return v4(g[6]!, g[7]!);
  // ::/96 minus :: and ::1, which are their own classes
  if (zeros(0, 6) && (g[6] !== 0 || g[7]! > 1)) return v4(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && (zeros(2, 6) || g[2] === 1)) return v4(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  return null;
}

/** The eight 16-bit groups of a valid IPv6 address (with or without a trailing dotted IPv4). */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = canonicalIpv6(address).split('::');
  const parse = (part: string) => (part ? part.split(':').map((x) => parseInt(x, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
