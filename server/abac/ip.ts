import 'server-only';

// IPv4 and IPv6 addresses and CIDR blocks for IpAddress / NotIpAddress (RFC 4632 and RFC 4291 forms).

export type IpRange = { family: 4 | 6; base: bigint; prefix: number };
export type IpValue = { family: 4 | 6; value: bigint };

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let out = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    out = (out << 8n) | BigInt(n);
  }
  return out;
}

function parseIpv6(text: string): bigint | null {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return null;
  let groups: string[];
  let tail: bigint | null = null;
  let body = text;
  // An IPv4 tail (::ffff:10.0.0.1) is the last two groups.
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    tail = parseIpv4(body.slice(lastColon + 1));
    if (tail === null) return null;
    body = body.slice(0, lastColon + 1) + '0:0';
  }
  const wanted = 8;
  if (body.includes('::')) {
    const [head, rest] = body.split('::') as [string, string];
    const h = head ? head.split(':') : [];
    const r = rest ? rest.split(':') : [];
    if (h.length + r.length > wanted - 1) return null;
    groups = [...h, ...Array<string>(wanted - h.length - r.length).fill('0'), ...r];
  } else {
    groups = body.split(':');
  }
  if (groups.length !== wanted) return null;
  let out = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    out = (out << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail !== null) out = (out & ~0xffffffffn) | tail;
  return out;
}

/** An address, or null when the text is neither IPv4 nor IPv6. */
export function parseIp(text: string): IpValue | null {
  const v4 = text.includes(':') ? null : parseIpv4(text);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : null;
  return v6 === null ? null : { family: 6, value: v6 };
}

/** A CIDR block (a bare address is a block of one), or null when the text is not one. */
export function parseCidr(text: string): IpRange | null {
  const slash = text.indexOf('/');
  const address = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (!address) return null;
  const bits = address.family === 4 ? 32 : 128;
  let prefix = bits;
  if (slash !== -1) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return null;
    prefix = Number(p);
  }
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { family: address.family, base: address.value & mask, prefix };
}

/** Whether the address lies in the block; an address of the other family never does. */
export function isIpInRange(ip: IpValue, range: IpRange): boolean {
  if (ip.family !== range.family) return false;
  const bits = ip.family === 4 ? 32 : 128;
  const mask = range.prefix === 0 ? 0n : ((1n << BigInt(range.prefix)) - 1n) << BigInt(bits - range.prefix);
  return (ip.value & mask) === range.base;
}
