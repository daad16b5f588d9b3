// The sandbox broker's MSK IAM listener against the real signer (aws-msk-iam-sasl-signer-js) and
// kafkajs: a token signed with the sandbox credentials connects; one signed with another secret key,
// for another region, or expired is refused, as MSK refuses them. A private broker on spare ports.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { ensureSandboxTools, startSandbox, type RunningSandbox } from './sandbox.mjs';
import { freePort } from './lib/net.mjs';

// The validator is compiled at set-up only where a JDK is installed; elsewhere the listener does not exist.
const hasJavac = spawnSync('javac', ['-version']).status === 0;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-msk-iam-'));
const credentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };
let sandbox: RunningSandbox | undefined;
let iamPort: number;

beforeAll(async () => {
  if (!hasJavac) return;
  await ensureSandboxTools({ aws: false, kafka: true, log: () => undefined });
  iamPort = await freePort();
  sandbox = await startSandbox({
    dataDir,
    aws: false,
    kafkaPort: await freePort(),
    kafkaControllerPort: await freePort(),
    kafkaMskIam: { port: iamPort, region: 'us-east-1', ...credentials },
    fresh: true,
    log: () => undefined,
  });
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Lists topics through the MSK IAM listener with the given token. */
async function listTopicsWith(token: string): Promise<string[]> {
  const kafka = new Kafka({
    clientId: 'msk-iam-test',
    brokers: [`127.0.0.1:${iamPort}`],
    sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: token }) },
    retry: { retries: 0 },
    connectionTimeout: 5_000,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

/** The validator's refusals, oldest first, from the broker's log (a client may try a refused token twice). */
const refusals = async () =>
  [...fs.readFileSync(sandbox!.logs.kafka, 'utf8').matchAll(/\[slipway-msk-iam\] refused: (.*)/g)]
    .map((m) => m[1]!.trim())
    .filter((reason, i, all) => reason !== all[i - 1]);

const sign = async (over: { region?: string; secretAccessKey?: string } = {}) =>
  (
    await generateAuthTokenFromCredentialsProvider({
      region: over.region ?? 'us-east-1',
      awsCredentialsProvider: async () => ({ ...credentials, ...(over.secretAccessKey ? { secretAccessKey: over.secretAccessKey } : {}) }),
    })
  ).token;

describe.skipIf(!hasJavac)('the sandbox broker as an MSK IAM cluster (needs javac)', () => {
  it('accepts a token the real signer made with the sandbox credentials', async () => {
    expect(Array.isArray(await listTopicsWith(await sign()))).toBe(true);
  });

  it('refuses a token signed with another secret key, or for another region, saying why in the broker log', async () => {
    await expect(listTopicsWith(await sign({ secretAccessKey: 'not-the-sandbox-secret' }))).rejects.toThrow();
    await expect(listTopicsWith(await sign({ region: 'eu-west-1' }))).rejects.toThrow();
    await expect.poll(refusals).toEqual(['signature does not match', 'not a presigned URL for kafka.us-east-1.amazonaws.com']);
  });

  it('refuses an expired token (signed 16 minutes ago; tokens live 15)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 16 * 60_000);
    const stale = await sign();
    vi.useRealTimers();
    const before = (await refusals()).length;
    await expect(listTopicsWith(stale)).rejects.toThrow();
    await expect.poll(async () => (await refusals()).slice(before)).toEqual(['expired']);
  });
});
