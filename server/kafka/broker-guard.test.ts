import type { LookupAddress } from 'node:dns';
import { createServer, type Server, type Socket } from 'node:net';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { AppError } from '@/server/errors';

import {
  brokerHost,
  createGuardedSocketFactory,
  REFUSED_ADDRESS_CODE,
  RefusedAddressError,
  requireAllowedBrokers,
  resolveAllowedAddresses,
} from './broker-guard';

const strict = { allowPrivateNetworks: false };
const lenient = { allowPrivateNetworks: true };

/** A resolver answering from a table; unknown names fail like the OS resolver does. */
function fakeDns(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = async (host: string): Promise<LookupAddress[]> => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, asked };
}

async function fieldErrors(promise: Promise<void>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('VALIDATION');
  return (error as AppError).fields ?? {};
}

describe('brokerHost', () => {
  it.each([
    ['kafka.example.com:9092', 'kafka.example.com'],
    ['10.0.0.1:9092', '10.0.0.1'],
    ['[::1]:9092', '::1'],
    ['[fd00:ec2::254]:80', 'fd00:ec2::254'],
    [' 0xa9fea9fe:9092 ', '0xa9fea9fe'],
  ])('%s -> %s', (broker, host) => {
    expect(brokerHost(broker)).toBe(host);
  });
});

describe('resolveAllowedAddresses', () => {
  it('checks IP literals without asking DNS', async () => {
    const dns = fakeDns({});
    await expect(resolveAllowedAddresses('0xa9fea9fe', lenient, dns.resolve)).rejects.toMatchObject({
      code: REFUSED_ADDRESS_CODE,
      message: expect.stringMatching(/Refused to connect to 0xa9fea9fe: cloud metadata/),
    });
    await expect(resolveAllowedAddresses('8.8.8.8', strict, dns.resolve)).resolves.toEqual([{ address: '8.8.8.8', family: 4 }]);
    expect(dns.asked).toEqual([]);
  });

  it('refuses a name when ANY of its addresses is refused', async () => {
    const dns = fakeDns({ 'mixed.example': ['52.1.2.3', '169.254.169.254'], 'public.example': ['52.1.2.3', '2600:1f18::1'] });
    await expect(resolveAllowedAddresses('mixed.example', lenient, dns.resolve)).rejects.toThrow(
      'Refused to connect to mixed.example (169.254.169.254): cloud metadata and instance service addresses are never allowed',
    );
    await expect(resolveAllowedAddresses('public.example', strict, dns.resolve)).resolves.toHaveLength(2);
  });

  it('lets private names through only when private networks are allowed', async () => {
    const dns = fakeDns({ 'kafka.internal': ['10.1.2.3'] });
    await expect(resolveAllowedAddresses('kafka.internal', strict, dns.resolve)).rejects.toBeInstanceOf(RefusedAddressError);
    await expect(resolveAllowedAddresses('kafka.internal', lenient, dns.resolve)).resolves.toEqual([{ address: '10.1.2.3', family: 4 }]);
  });
});

describe('requireAllowedBrokers (registration)', () => {
  const dns = fakeDns({
    'kafka.example.com': ['52.1.2.3'],
    'metadata.google.internal': ['169.254.169.254'],
    localhost: ['127.0.0.1', '::1'],
  });

  it('accepts public brokers', async () => {
    await expect(requireAllowedBrokers(['kafka.example.com:9092', '52.9.9.9:9096'], strict, { resolve: dns.resolve })).resolves.toBeUndefined();
  });

  it('names each refused broker by its index, with the rule', async () => {
    const fields = await fieldErrors(
      requireAllowedBrokers(['kafka.example.com:9092', '169.254.169.254:80', 'metadata.google.internal:80', 'localhost:9092', '[fe80::1]:9092'], strict, {
        resolve: dns.resolve,
      }),
    );
    expect(fields).toEqual({
      'settings.brokers.1': ['cloud metadata and instance service addresses are never allowed'],
      'settings.brokers.2': ['resolves to 169.254.169.254: cloud metadata and instance service addresses are never allowed'],
      'settings.brokers.3': [expect.stringMatching(/^resolves to 127\.0\.0\.1: loopback addresses .* SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS/)],
      'settings.brokers.4': ['link-local addresses (169.254.0.0/16, fe80::/10) are never allowed'],
    });
  });

  it.each([
    '0.0.0.0:9092',
    '224.0.0.1:9092',
    '2852039166:9092',
    '0xa9fea9fe:9092',
    '[::ffff:169.254.169.254]:9092',
    '[fd00:ec2::254]:9092',
    '100.100.100.200:9092',
  ])('%s is refused even when private networks are allowed', async (broker) => {
    const fields = await fieldErrors(requireAllowedBrokers([broker], lenient, { resolve: dns.resolve }));
    expect(fields['settings.brokers.0']?.[0]).toMatch(/never allowed/);
  });

  it('allows loopback and private brokers when the setting is on', async () => {
    await expect(requireAllowedBrokers(['localhost:9092', '10.0.0.5:9092', '[fd12::1]:9092'], lenient, { resolve: dns.resolve })).resolves.toBeUndefined();
  });

  it('leaves names that do not resolve (or not in time) to the connect-time check', async () => {
    await expect(requireAllowedBrokers(['not-yet.example:9092'], strict, { resolve: dns.resolve })).resolves.toBeUndefined();
    // A resolver that never answers: the check gives up when its 50 ms are over, not later.
    vi.useFakeTimers();
    try {
      let settled = false;
      const check = requireAllowedBrokers(['slow.example:9092'], strict, { resolve: () => new Promise(() => undefined), resolveTimeoutMs: 50 }).finally(
        () => (settled = true),
      );
      await vi.advanceTimersByTimeAsync(49);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await expect(check).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('createGuardedSocketFactory (connect time)', () => {
  let server: Server;
  let port: number;
  const accepted: Socket[] = [];

  beforeAll(async () => {
    server = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Opens a socket the way kafkajs does and reports whether it connected or the error it failed with. */
  function open(factory: ReturnType<typeof createGuardedSocketFactory>, host: string, ssl = false): Promise<'connected' | Error> {
    return new Promise((resolve) => {
      const socket = factory({ host, port, ssl: ssl as never, onConnect: () => resolve('connected') });
      socket.on('error', (error) => resolve(error));
      setTimeout(() => socket.destroy(), 2_000).unref();
    });
  }

  it('connects to an allowed address (loopback with private networks allowed)', async () => {
    const factory = createGuardedSocketFactory(lenient, fakeDns({ 'kafka.test': ['127.0.0.1'] }).resolve);
    expect(await open(factory, '127.0.0.1')).toBe('connected');
    expect(await open(factory, 'kafka.test')).toBe('connected');
  });

  it('fails a refused literal before any packet leaves, TLS or not', async () => {
    const factory = createGuardedSocketFactory(strict);
    const before = accepted.length;
    for (const ssl of [false, true]) {
      const result = await open(factory, '127.0.0.1', ssl);
      expect(result).toBeInstanceOf(RefusedAddressError);
      expect(result).toMatchObject({ code: REFUSED_ADDRESS_CODE, message: expect.stringContaining('Refused to connect to 127.0.0.1: loopback addresses') });
    }
    expect(await open(createGuardedSocketFactory(lenient), '169.254.169.254')).toMatchObject({ code: REFUSED_ADDRESS_CODE });
    expect(accepted.length).toBe(before);
  });

  it('re-resolves at connect time: a name that now points somewhere refused is refused', async () => {
    // Registered while it resolved to a public address; by the time the worker connects it points at loopback.
    let answer = '52.1.2.3';
    const resolve = async (): Promise<LookupAddress[]> => [{ address: answer, family: 4 }];
    await expect(requireAllowedBrokers(['rebinding.example:9092'], strict, { resolve })).resolves.toBeUndefined();
    answer = '127.0.0.1';
    const before = accepted.length;
    const result = await open(createGuardedSocketFactory(strict, resolve), 'rebinding.example');
    expect(result).toMatchObject({ code: REFUSED_ADDRESS_CODE, message: expect.stringContaining('Refused to connect to rebinding.example (127.0.0.1)') });
    expect(accepted.length).toBe(before);
  });

  it('connects only to the addresses it checked (no second lookup by the socket)', async () => {
    let calls = 0;
    // First answer (the one checked) is loopback; any later lookup would say metadata.
    const resolve = async (): Promise<LookupAddress[]> => [{ address: calls++ === 0 ? '127.0.0.1' : '169.254.169.254', family: 4 }];
    expect(await open(createGuardedSocketFactory(lenient, resolve), 'flip.example')).toBe('connected');
    expect(calls).toBe(1);
  });
});
