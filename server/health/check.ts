import 'server-only';
import net from 'node:net';
import { env } from '@/server/env';
import { SANDBOX_ACCOUNT_ID } from '@/server/aws/clients';
import { getCallerIdentity } from '@/server/aws/sts';
import { pingDatabase } from '@/server/health/queries';
import type { DependencyHealth, HealthReport } from '@/lib/health/dto';

const TIMEOUT_MS = 2000;
const START_HINT = 'Start it with `npm run sandbox -- start` (or run `npm run demo`).';

async function timed(fn: (signal: AbortSignal) => Promise<void>): Promise<{ ok: boolean; ms: number; error?: unknown }> {
  const started = performance.now();
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  try {
    await fn(signal);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error };
  }
}

async function checkDatabase(): Promise<DependencyHealth> {
  const r = await timed(() => pingDatabase());
  return {
    name: 'database',
    label: env().isPostgres ? 'Database (PostgreSQL)' : 'Database (embedded SQLite)',
    status: r.ok ? 'up' : 'down',
    latencyMs: r.ms,
    message: r.ok ? 'Answering queries.' : 'Not answering queries: check DATABASE_URL and that the database server runs.',
  };
}

async function checkSandboxAws(): Promise<DependencyHealth> {
  if (env().awsMode === 'aws') {
    return {
      name: 'sandbox-aws',
      label: 'Sandbox AWS account',
      status: 'not-used',
      latencyMs: null,
      message: 'Real AWS credentials are configured; the local sandbox is not used.',
    };
  }
  const sandbox = {
    id: 'health',
    name: 'sandbox',
    accountId: SANDBOX_ACCOUNT_ID,
    region: env().SANDBOX_DEFAULT_REGION,
    roleArn: null,
    externalId: null,
    isSandbox: true,
  };
  const r = await timed(async (abortSignal) => {
    await getCallerIdentity(sandbox, { abortSignal });
  });
  return {
    name: 'sandbox-aws',
    label: 'Sandbox AWS account (local moto server)',
    status: r.ok ? 'up' : 'down',
    latencyMs: r.ms,
    message: r.ok ? 'Answering AWS API calls.' : `Not reachable. ${START_HINT}`,
  };
}

function tcpConnect(host: string, port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    signal.addEventListener('abort', () => fail(new Error('timed out')), { once: true });
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('error', fail);
  });
}

async function checkKafka(): Promise<DependencyHealth> {
  const [first] = env().SANDBOX_KAFKA_BROKERS.split(',');
  const [host = '127.0.0.1', port = '9092'] = (first ?? '').split(':');
  const r = await timed((signal) => tcpConnect(host, Number(port), signal));
  return {
    name: 'kafka',
    label: 'Kafka broker (local sandbox)',
    status: r.ok ? 'up' : 'down',
    latencyMs: r.ms,
    message: r.ok ? 'Accepting connections.' : `Not reachable. ${START_HINT}`,
  };
}

/** Checks every dependency in parallel; never throws. */
export async function checkHealth(): Promise<HealthReport> {
  const dependencies = await Promise.all([checkDatabase(), checkSandboxAws(), checkKafka()]);
  return {
    status: dependencies.every((d) => d.status !== 'down') ? 'ok' : 'degraded',
    checkedAt: new Date().toISOString(),
    dependencies,
  };
}
