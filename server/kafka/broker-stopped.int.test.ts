// The Kafka broker stopped mid-run and started again (its data kept), with the portal's process and
// its memoised admin left running: while it is down, the groups list answers from the worker's latest
// round and the group page from its stored state, both saying why (the cluster unreachable with the
// sampler's error; the page's own live error), and the health check names the broker; once it is back
// the same process reads it live again by itself.
// lag-sampler.int.test.ts points a cluster at a port nothing listens on; this stops a real broker
// under open connections. The test runs its own broker on spare ports and its own database, so
// stopping it touches no one else's; server modules are imported once both are in place.
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateSandbox } from '@/server/test-support/private-sandbox';

const sandbox = privateSandbox('broker-stopped', { aws: false, kafka: true });

beforeAll(() => sandbox.setUp(), 180_000);
afterAll(() => sandbox.tearDown());

describe('the Kafka broker stopped mid-run', () => {
  it('degrades the groups list and the group page to the stored round with the reason, and reads live again once it is back', async () => {
    const { seedDemoData } = await import('@/server/seed');
    const { loadActor } = await import('@/server/auth/queries');
    const { ensureSandboxKafkaCluster } = await import('@/server/kafka/clusters');
    const { getConsumerGroupDetail, listConsumerGroups } = await import('@/server/kafka/consumer-groups');
    const { createKafkaLagSampler } = await import('@/server/jobs/kafka-lag-sampler');
    const { checkHealth } = await import('@/server/health/check');
    const { consumerGroupListQuerySchema } = await import('@/lib/schemas/kafka');

    const kafka = new Kafka({ clientId: 'broker-stopped-int-test', brokers: sandbox.running.kafkaBrokers!.split(','), logLevel: logLevel.NOTHING });
    const topic = 'stopped-orders';
    const group = 'stopped-billing';
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [0, 1].flatMap((partition) => Array.from({ length: 20 }, (_, i) => ({ partition, value: `r-${i}` }))) });
    await producer.disconnect();
    // An Empty group that has read 5 records of each partition: lag 15 + 15.
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '5' },
        { partition: 1, offset: '5' },
      ],
    });
    await admin.disconnect();

    await seedDemoData(() => undefined);
    const viewer = (await loadActor({ email: 'falcon-viewer@example.com' }, 'session'))!;
    const cluster = await ensureSandboxKafkaCluster();
    const sampler = createKafkaLagSampler();
    const query = consumerGroupListQuerySchema.parse({ q: group });
    const list = () => listConsumerGroups(viewer, cluster.id, query);
    const kafkaHealth = async () => (await checkHealth()).dependencies.find((d) => d.name === 'kafka');
    const mine = <T extends { clusterId: string }>(results: T[]) => results.find((r) => r.clusterId === cluster.id)!;

    try {
      // Up: the list from the worker's round (kept in step with the cluster), the page live.
      expect(mine(await sampler.runRound())).toMatchObject({ ok: true });
      expect(await list()).toMatchObject({ source: 'worker', liveError: null, health: { state: 'reachable' }, groups: [{ groupId: group, totalLag: '30' }] });
      expect(await getConsumerGroupDetail(viewer, cluster.id, group)).toMatchObject({ source: 'live', totalLag: '30' });

      await sandbox.stop();

      // Down: the worker records the outage, the pages answer from its last round and say why.
      const failedRound = mine(await sampler.runRound());
      expect(failedRound.ok).toBe(false);
      const down = await list();
      expect(down).toMatchObject({
        source: 'worker',
        health: { state: 'unreachable', lastError: expect.stringMatching(/ECONNREFUSED|Connection|connect/i) },
        groups: [{ groupId: group, totalLag: '30' }],
      });
      const detail = await getConsumerGroupDetail(viewer, cluster.id, group);
      expect(detail).toMatchObject({ source: 'history', state: 'Unknown', totalLag: '30', health: { state: 'unreachable' } });
      expect(detail.liveError).toMatch(/ECONNREFUSED|Connection|connect/i);
      expect(await kafkaHealth()).toMatchObject({ status: 'down', message: expect.stringContaining('npm run sandbox -- start') });

      // Back, same ports and data: the same process reads live again (the broken admin is replaced).
      await sandbox.start(false);
      expect(await kafkaHealth()).toMatchObject({ status: 'up' });
      const deadline = Date.now() + 60_000;
      let page = await getConsumerGroupDetail(viewer, cluster.id, group);
      while (page.source !== 'live' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        page = await getConsumerGroupDetail(viewer, cluster.id, group);
      }
      expect(page).toMatchObject({ source: 'live', liveError: null, totalLag: '30' });
      expect(mine(await sampler.runRound())).toMatchObject({ ok: true });
      expect(await list()).toMatchObject({ source: 'worker', health: { state: 'reachable', lastError: null }, groups: [{ groupId: group, totalLag: '30' }] });
    } finally {
      await sampler.close();
    }
  }, 240_000);
});
