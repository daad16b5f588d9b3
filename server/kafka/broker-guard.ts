import 'server-only';

import { promises as dns, type LookupAddress } from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';

import type { ISocketFactory } from 'kafkajs';

import { AppError, type FieldErrors } from '@/server/errors';
import { type AddressVerdict, checkIpAddress, type OutboundAddressPolicy, toIpLiteral } from '@/server/net/address-policy';

/**
 * Broker addresses are checked twice: when a cluster is registered (a 422 naming the broker and the
 * rule) and right before every socket kafkajs opens, including to brokers the cluster's metadata
 * advertises. The second check resolves the name itself and hands the socket exactly the addresses
 * it checked, so a DNS answer that changes after registration (or between check and connect) cannot
 * slip through.
 */

/** Resolves a host name to every address it has (what the OS resolver would connect to). */
export type HostResolver = (host: string) => Promise<LookupAddress[]>;

const resolveWithOs: HostResolver = (host) => dns.lookup(host, { all: true, verbatim: true });

/** `code` of the error a refused connection fails with; kafkajs copies it onto its connection error. */
export const REFUSED_ADDRESS_CODE = 'ESLIPWAY_ADDRESS_REFUSED';

type Refusal = Extract<AddressVerdict, { allowed: false }>;

/** A host the address policy refuses. */
export class RefusedAddressError extends Error {
  readonly code = REFUSED_ADDRESS_CODE;
  readonly host: string;
  readonly verdict: Refusal;

  constructor(host: string, verdict: Refusal) {
    const resolved = toIpLiteral(host) === null ? ` (${verdict.address})` : '';
    super(`Refused to connect to ${host}${resolved}: ${verdict.rule}`);
    this.name = 'RefusedAddressError';
    this.host = host;
    this.verdict = verdict;
  }
}

/** The addresses a host stands for, when the policy allows every one of them; else RefusedAddressError. */
export async function resolveAllowedAddresses(host: string, policy: OutboundAddressPolicy, resolve: HostResolver = resolveWithOs): Promise<LookupAddress[]> {
  const literal = toIpLiteral(host);
  const addresses = literal ? [{ address: literal, family: net.isIP(literal) }] : await resolve(host);
  for (const { address } of addresses) {
    const verdict = checkIpAddress(address, policy);
    // One refused address refuses the host: the OS may pick any of them, now or on the next connect.
    if (!verdict.allowed) throw new RefusedAddressError(host, verdict);
  }
  return addresses;
}

/** The host of `host:port` (IPv6 in brackets or bare). */
export function brokerHost(broker: string): string {
  const trimmed = broker.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  if (bracketed) return bracketed[1]!;
  const colon = trimmed.lastIndexOf(':');
  return colon > 0 && trimmed.indexOf(':') === colon ? trimmed.slice(0, colon) : trimmed;
}

export interface CheckBrokersOptions {
  resolve?: HostResolver;
  /** A name that does not answer within this long is left to the connect-time check (default 3 s). */
  resolveTimeoutMs?: number;
}

/**
 * Refuses (VALIDATION, a field error per broker: `settings.brokers.<i>`) brokers whose address the
 * policy refuses. Names that do not resolve now are accepted: a cluster that is not up yet may be
 * registered, and the connect-time check judges whatever the name resolves to then.
 */
export async function requireAllowedBrokers(brokers: readonly string[], policy: OutboundAddressPolicy, options: CheckBrokersOptions = {}): Promise<void> {
  const resolve = options.resolve ?? resolveWithOs;
  const timeoutMs = options.resolveTimeoutMs ?? 3_000;
  const fields: FieldErrors = {};
  await Promise.all(
    brokers.map(async (broker, i) => {
      const host = brokerHost(broker);
      try {
        await resolveAllowedAddresses(host, policy, (name) => withTimeout(resolve(name), timeoutMs));
      } catch (error) {
        if (!(error instanceof RefusedAddressError)) return;
        const via = toIpLiteral(host) === null ? `resolves to ${error.verdict.address}: ` : '';
        fields[`settings.brokers.${i}`] = [`${via}${error.verdict.rule}`];
      }
    }),
  );
  const refused = Object.keys(fields);
  if (refused.length > 0) {
    throw new AppError('VALIDATION', `The portal does not connect to ${refused.length === 1 ? 'this broker address' : 'these broker addresses'}.`, { fields });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no DNS answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const KEEP_ALIVE_DELAY_MS = 60_000;

/**
 * A kafkajs `socketFactory` (same sockets as kafkajs's own) that applies the policy right before each
 * connect: an IP literal is checked as is; a name is resolved here and the socket connects only to the
 * addresses checked. A refusal fails the connection with RefusedAddressError's message.
 */
export function createGuardedSocketFactory(policy: OutboundAddressPolicy, resolve: HostResolver = resolveWithOs): ISocketFactory {
  return ({ host, port, ssl, onConnect }) => {
    const literal = toIpLiteral(host);
    if (literal) {
      const verdict = checkIpAddress(literal, policy);
      if (!verdict.allowed) return failedSocket(new RefusedAddressError(host, verdict));
    }
    const lookup = checkedLookup(policy, resolve);
    // kafkajs passes `ssl: true` for "TLS with the system CAs".
    const tlsOptions = typeof ssl === 'object' && ssl !== null ? ssl : {};
    const socket = ssl
      ? tls.connect({ ...(literal ? {} : { servername: host }), ...tlsOptions, host: literal ?? host, port, lookup }, onConnect)
      : net.connect({ host: literal ?? host, port, lookup }, onConnect);
    socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
    return socket;
  };
}

/** `net.connect`'s `lookup` option: resolve, refuse unless every address is allowed, hand over the checked ones. */
function checkedLookup(policy: OutboundAddressPolicy, resolve: HostResolver): net.LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowedAddresses(hostname, policy, resolve).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        const first = usable[0];
        if (!first) {
          callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }), '');
          return;
        }
        if ((options as { all?: boolean }).all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

function failedSocket(error: Error): net.Socket {
  const socket = new net.Socket();
  // kafkajs attaches its listeners after the factory returns.
  process.nextTick(() => socket.destroy(error));
  return socket;
}
