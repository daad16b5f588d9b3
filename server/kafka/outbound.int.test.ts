import { createServer, type Server, type Socket } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resetEnvForTests } from '@/server/env';

import { closeClusterAdmin, testConnection, UNREACHABLE_MESSAGE } from './admin';
import { clusterConfigBuilder, clusterSecretValues } from './cluster-config';
import { createClusterHealthTracker } from './cluster-health';
import { ensureSandboxKafkaCluster } from './clusters';
import { buildKafkaConfig } from './connection';
import { createLagSampler } from './lag-sampler';
import { deleteClusterWithHistory, insertCluster, listClusters, prismaClusterHealthStore, prismaLagSampleStore, type StoredKafkaCluster } from './queries';
import { freePort } from './test-support/local-kafka';
import { requireSandboxBrokers, uniqueName } from './test-support/sandbox-kafka';

/**
 * Outbound connections against the real broker. With SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS off (the
 * default), a cluster registered at a loopback address, by IP or by a name that resolves there (as if
 * its DNS changed after registration), is refused when the worker connects and the refusal is its
 * health's lastError, while the sandbox cluster on the very same broker keeps working. And a
 * connection test cannot tell a closed port from a listener that is not Kafka, by words or by time.
 */

const brokers = requireSandboxBrokers().split(',');
const brokerPort = brokers[0]!.split(':')[1]!;
let sandbox: StoredKafkaCluster;
let byIp: StoredKafkaCluster;
let byName: StoredKafkaCluster;

function allowPrivateNetworks(allow: boolean) {
  process.env.SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS = String(allow);
  resetEnvForTests();
}

const sampler = createLagSampler<StoredKafkaCluster>({
  listClusters: async () => [sandbox, byIp, byName],
  buildConfig: (cluster) => clusterConfigBuilder(cluster, 'sampler'),
  secretsOf: clusterSecretValues,
  store: prismaLagSampleStore,
  health: createClusterHealthTracker(prismaClusterHealthStore),
  readTimeoutMs: 20_000,
});

beforeAll(async () => {
  allowPrivateNetworks(false);
  await ensureSandboxKafkaCluster();
  sandbox = (await listClusters({ teamIds: null })).find((c) => c.isSandbox)!;
  const register = (name: string, brokerList: string[]) =>
    insertCluster({ name: uniqueName(name), settings: { kind: 'plaintext', brokers: brokerList }, secrets: {}, targetId: null, teamId: null });
  byIp = await register('outbound-ip', brokers);
  byName = await register('outbound-name', [`localhost:${brokerPort}`]);
});

afterAll(async () => {
  await sampler.close();
  for (const cluster of [byIp, byName]) if (cluster) await deleteClusterWithHistory(cluster.id);
  delete process.env.SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS;
  resetEnvForTests();
});

describe('the connect-time address check', () => {
  it('refuses loopback clusters when the worker connects, records why, and leaves the sandbox cluster working', async () => {
    const results = new Map((await sampler.runRound()).map((r) => [r.clusterId, r]));
    expect(results.get(sandbox.id)).toMatchObject({ ok: true });
    expect(results.get(byIp.id)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Refused to connect to 127\.0\.0\.1: loopback addresses .* SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS/),
    });
    expect(results.get(byName.id)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Refused to connect to localhost \((127\.0\.0\.1|::1)\): loopback/),
    });

    const health = await prismaClusterHealthStore.read([sandbox.id, byIp.id, byName.id]);
    expect(health.get(sandbox.id)).toMatchObject({ state: 'reachable', lastError: null });
    expect(health.get(byIp.id)).toMatchObject({ state: 'unreachable', lastError: expect.stringContaining('Refused to connect to 127.0.0.1') });
    expect(health.get(byName.id)).toMatchObject({ state: 'unreachable', lastError: expect.stringContaining('Refused to connect to localhost') });

    // The connection test says the same, in words an admin can act on.
    const report = await testConnection(await clusterConfigBuilder(byIp, 'web')(), { failureDeadlineMs: 500 });
    expect(report).toMatchObject({ ok: false, reason: 'error', message: expect.stringMatching(/^Refused to connect to 127\.0\.0\.1: loopback/) });
    const sandboxReport = await testConnection(await clusterConfigBuilder(sandbox, 'web')(), { failureDeadlineMs: 500 });
    expect(sandboxReport).toMatchObject({ ok: true });
  });

  it('reads the same clusters once the setting allows private networks', async () => {
    allowPrivateNetworks(true);
    try {
      await Promise.all([closeClusterAdmin(byIp.id), closeClusterAdmin(byName.id)]);
      const results = new Map((await sampler.runRound()).map((r) => [r.clusterId, r]));
      expect(results.get(byIp.id)).toMatchObject({ ok: true });
      expect(results.get(byName.id)).toMatchObject({ ok: true });
      expect((await prismaClusterHealthStore.read([byIp.id])).get(byIp.id)).toMatchObject({ state: 'reachable', lastError: null });
    } finally {
      allowPrivateNetworks(false);
    }
  });
});

describe('the connection test', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];

  async function listen(onConnection: (socket: Socket) => void): Promise<number> {
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
      onConnection(socket);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('answers a closed port, a silent listener, an HTTP server and the wrong protocol with the same words after the same time', async () => {
    const deadlineMs = 2_000;
    const cases: [string, string, boolean][] = [
      ['closed port', `127.0.0.1:${await freePort()}`, false],
      ['listener that never answers (as a filtered port)', `127.0.0.1:${await listen(() => undefined)}`, false],
      ['HTTP server', `127.0.0.1:${await listen((s) => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'))}`, false],
      ['listener that hangs up at once', `127.0.0.1:${await listen((s) => s.destroy())}`, false],
      ['TLS to the plaintext Kafka listener', brokers[0]!, true],
    ];
    const outcomes: { name: string; report: unknown; ms: number }[] = [];
    for (const [name, broker, tls] of cases) {
      const config = await buildKafkaConfig(
        { kind: tls ? 'tls' : 'plaintext', brokers: [broker] },
        {},
        { addressPolicy: { allowPrivateNetworks: true }, logSink: () => undefined },
      );
      const started = Date.now();
      const report = await testConnection(config, { failureDeadlineMs: deadlineMs });
      outcomes.push({ name, report, ms: Date.now() - started });
    }

    for (const { name, report, ms } of outcomes) {
      expect(report, name).toEqual({ ok: false, reason: 'unreachable', message: UNREACHABLE_MESSAGE });
      expect(ms, name).toBeGreaterThanOrEqual(deadlineMs - 5);
      expect(ms, name).toBeLessThan(deadlineMs + 300);
    }
    expect(UNREACHABLE_MESSAGE).toMatch(/^Could not reach a Kafka broker/);
    const times = outcomes.map((o) => o.ms);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(300);

    // A broker that works answers as soon as it is read, not at the deadline.
    const working = await buildKafkaConfig({ kind: 'plaintext', brokers }, {}, { addressPolicy: { allowPrivateNetworks: true }, logSink: () => undefined });
    const started = Date.now();
    expect(await testConnection(working, { failureDeadlineMs: 20_000 })).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
