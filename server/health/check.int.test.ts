import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { resetAwsClientsForTests } from '@/server/aws/clients';
import { resetEnvForTests } from '@/server/env';
import { checkHealth } from '@/server/health/check';

// Against the running sandbox, broker and test database; then with the sandbox and broker pointed at
// a loopback port nothing listens on.

/** A loopback port that was free a moment ago (listened on, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const saved = { aws: process.env.SANDBOX_AWS_ENDPOINT, kafka: process.env.SANDBOX_KAFKA_BROKERS, mode: process.env.SLIPWAY_AWS_MODE };

afterEach(() => {
  for (const [key, value] of [
    ['SANDBOX_AWS_ENDPOINT', saved.aws],
    ['SANDBOX_KAFKA_BROKERS', saved.kafka],
    ['SLIPWAY_AWS_MODE', saved.mode],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
  resetAwsClientsForTests();
});

describe('checkHealth', () => {
  it('reports every dependency up, with a latency, while they run', async () => {
    const report = await checkHealth();
    expect(report.status).toBe('ok');
    expect(report.dependencies.map((d) => [d.name, d.status])).toEqual([
      ['database', 'up'],
      ['sandbox-aws', 'up'],
      ['kafka', 'up'],
    ]);
    for (const d of report.dependencies) expect(d.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('names what is down and how to start it, and keeps answering for the rest', async () => {
    process.env.SLIPWAY_AWS_MODE = 'sandbox';
    process.env.SANDBOX_AWS_ENDPOINT = `http://127.0.0.1:${await closedPort()}`;
    process.env.SANDBOX_KAFKA_BROKERS = `127.0.0.1:${await closedPort()}`;
    resetEnvForTests();
    resetAwsClientsForTests();
    const report = await checkHealth();
    expect(report.status).toBe('degraded');
    const byName = Object.fromEntries(report.dependencies.map((d) => [d.name, d]));
    expect(byName.database).toMatchObject({ status: 'up' });
    for (const name of ['sandbox-aws', 'kafka']) {
      expect(byName[name]).toMatchObject({ status: 'down', message: expect.stringContaining('npm run sandbox -- start') });
    }
    // Nothing about the configuration leaks into what a load balancer can read.
    expect(JSON.stringify(report)).not.toContain(process.env.SANDBOX_AWS_ENDPOINT);
  });
});
