import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testConnection } from './admin';
import type { MskControlPlane } from '@/server/aws/msk';
import { buildKafkaConfig } from './connection';
import { createMskIamTokenProvider, type MskTokenSigner } from './msk-iam-token';
import { type LocalBroker, startSaslBroker } from './test-support/local-kafka';
import { uniqueName } from './test-support/sandbox-kafka';

/**
 * The portal's SASL clients against a real broker started for this file: OAUTHBEARER (the mechanism
 * MSK IAM uses; the broker's built-in unsecured validator accepts unsigned JWTs) and SCRAM-SHA-512
 * with a user created through Kafka's own kafka-configs tool.
 */

const ARN = 'arn:aws:kafka:us-east-1:123456789012:cluster/sandbox/11111111-2222-3333-4444-555555555555-1';
let broker: LocalBroker;
const topic = uniqueName('sasl-orders');
// This broker listens on loopback, which only a portal that allows private networks may reach.
const quiet = { logSink: () => undefined, addressPolicy: { allowPrivateNetworks: true } };

/** An unsigned JWT ("alg": "none") as the broker's OAuthBearerUnsecuredValidatorCallbackHandler expects. */
const unsignedJwtSigner: MskTokenSigner = async () => {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return { token: `${part({ alg: 'none' })}.${part({ sub: 'portal', iat: now, exp: now + 900 })}.`, expiryTime: (now + 900) * 1000 };
};

beforeAll(async () => {
  broker = await startSaslBroker();
  const kafka = new Kafka({ clientId: 'setup', brokers: [broker.plaintextBrokers], logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
  await admin.disconnect();
  await broker.runTool('kafka.admin.ConfigCommand', [
    '--alter',
    '--add-config',
    'SCRAM-SHA-512=[iterations=4096,password=portal-secret]',
    '--entity-type',
    'users',
    '--entity-name',
    'portal',
  ]);
});

afterAll(async () => {
  await broker?.stop();
});

describe('SASL against a real broker', () => {
  it('OAUTHBEARER: the MSK IAM config (brokers from GetBootstrapBrokers, cached token provider) connects and lists topics', async () => {
    let signed = 0;
    const mskClient = {
      send: async () => ({ BootstrapBrokerStringSaslIam: broker.saslBrokers }),
    } as unknown as MskControlPlane;
    const config = await buildKafkaConfig(
      { kind: 'msk-iam', clusterArn: ARN, network: 'private' },
      {},
      {
        ...quiet,
        msk: {
          getMskClient: () => mskClient,
          getAwsCredentials: () => async () => ({ accessKeyId: 'sandbox', secretAccessKey: 'sandbox' }),
          createTokenProvider: ({ region, credentials }) =>
            createMskIamTokenProvider({
              region,
              credentials,
              signer: async (options) => {
                signed += 1;
                return unsignedJwtSigner(options);
              },
            }),
        },
      },
    );
    expect(config.brokers).toEqual([broker.saslBrokers]);
    // MSK listeners are TLS; this broker's SASL listener is plaintext, so only TLS is switched off here.
    const report = await testConnection({ ...config, ssl: false });
    expect(report).toMatchObject({ ok: true, controllerId: 1, topicCount: 1 });

    const admin = new Kafka({ ...config, ssl: false }).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toContain(topic);
    } finally {
      await admin.disconnect();
    }
    // one token per provider (testConnection and the admin each built a client from the same config)
    expect(signed).toBe(1);
  });

  it('OAUTHBEARER: a token the broker rejects is reported as an authentication failure', async () => {
    const report = await testConnection({
      clientId: 'bad-token',
      brokers: [broker.saslBrokers],
      logLevel: logLevel.NOTHING,
      sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: 'not-a-jwt' }) },
    });
    expect(report).toMatchObject({ ok: false, reason: 'authentication', message: expect.stringMatching(/rejected the token/) });
  });

  it('SCRAM-SHA-512: a user created with kafka-configs connects; a wrong password does not', async () => {
    const settings = { kind: 'sasl-scram-sha-512' as const, brokers: [broker.saslBrokers], username: 'portal', tls: false };
    const good = await testConnection(await buildKafkaConfig(settings, { password: 'portal-secret' }, quiet));
    expect(good).toMatchObject({ ok: true, topicCount: 1 });

    const bad = await testConnection({ ...(await buildKafkaConfig(settings, { password: 'wrong-password' }, quiet)), logLevel: logLevel.NOTHING });
    expect(bad).toMatchObject({ ok: false, reason: 'authentication' });
    if (!bad.ok) expect(bad.message).not.toContain('wrong-password');
  });
});
