import { GetBootstrapBrokersCommand } from '@aws-sdk/client-kafka';
import { logLevel } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';

import { kafkaClusterInputSchema, kafkaConnectionSettingsSchema } from '@/lib/schemas/kafka';

import type { MskControlPlane } from '@/server/aws/msk';

import { buildKafkaConfig } from './connection';
import { createRedactingLogCreator, type KafkaLogSink } from './kafka-logger';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
const ARN = 'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/0b4c2e5e-1111-2222-3333-444455556666-3';

function fakeMsk(output: Record<string, string | undefined>) {
  const send = vi.fn(async (_command: unknown) => output);
  return { client: { send } as unknown as MskControlPlane, send };
}

describe('buildKafkaConfig', () => {
  it('plaintext: brokers, no TLS, no SASL', async () => {
    const config = await buildKafkaConfig({ kind: 'plaintext', brokers: ['127.0.0.1:9092'] }, {});
    expect(config).toMatchObject({ brokers: ['127.0.0.1:9092'], ssl: false, clientId: 'slipway-portal' });
    expect(config.sasl).toBeUndefined();
  });

  it('every socket goes through the address guard: loopback refused by default, allowed by the policy', async () => {
    const opened = async (addressPolicy?: { allowPrivateNetworks: boolean }) => {
      const config = await buildKafkaConfig({ kind: 'plaintext', brokers: ['127.0.0.1:1'] }, {}, { addressPolicy });
      expect(config.socketFactory).toBeTypeOf('function');
      return new Promise<string>((resolve) => {
        const socket = config.socketFactory!({ host: '127.0.0.1', port: 1, ssl: false as never, onConnect: () => resolve('connected') });
        socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
    };
    expect(await opened()).toBe('ESLIPWAY_ADDRESS_REFUSED');
    // Allowed: the socket really dials port 1, where nothing listens.
    expect(await opened({ allowPrivateNetworks: true })).toBe('ECONNREFUSED');
  });

  it('TLS: system CAs by default, a custom CA and client certificate when given', async () => {
    expect((await buildKafkaConfig({ kind: 'tls', brokers: ['k:9093'] }, {})).ssl).toBe(true);
    const mtls = await buildKafkaConfig({ kind: 'tls', brokers: ['k:9093'], caCertPem: CA, clientCertPem: CA }, { clientKeyPem: KEY });
    expect(mtls.ssl).toEqual({ ca: [CA], cert: CA, key: KEY });
  });

  it('SASL/SCRAM-SHA-512 over TLS', async () => {
    const config = await buildKafkaConfig({ kind: 'sasl-scram-sha-512', brokers: ['k:9096'], username: 'portal', tls: true }, { password: 'hunter2-long' });
    expect(config).toMatchObject({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'portal', password: 'hunter2-long' },
    });
  });

  it('SASL/PLAIN without TLS, with a custom CA ignored when TLS is off', async () => {
    const config = await buildKafkaConfig({ kind: 'sasl-plain', brokers: ['k:9094'], username: 'u', tls: false, caCertPem: CA }, { password: 'p4ssword' });
    expect(config).toMatchObject({ ssl: false, sasl: { mechanism: 'plain', username: 'u', password: 'p4ssword' } });
  });

  it('SASL without a password is a validation error', async () => {
    await expect(buildKafkaConfig({ kind: 'sasl-plain', brokers: ['k:9094'], username: 'u', tls: true }, {})).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('MSK IAM: brokers from GetBootstrapBrokers, TLS, OAUTHBEARER with a token provider for the ARN region', async () => {
    const { client, send } = fakeMsk({ BootstrapBrokerStringSaslIam: 'b-1.orders:9098,b-2.orders:9098' });
    const credentials = async () => ({ accessKeyId: 'AKID', secretAccessKey: 'SECRET' });
    const createTokenProvider = vi.fn(() => async () => ({ value: 'token' }));
    const config = await buildKafkaConfig(
      { kind: 'msk-iam', clusterArn: ARN, network: 'private' },
      {},
      { msk: { getMskClient: () => client, getAwsCredentials: () => credentials, createTokenProvider } },
    );
    expect(config.brokers).toEqual(['b-1.orders:9098', 'b-2.orders:9098']);
    expect(config.ssl).toBe(true);
    expect(config.sasl?.mechanism).toBe('oauthbearer');
    expect(createTokenProvider).toHaveBeenCalledWith({ region: 'eu-west-1', credentials });
    const command = send.mock.calls[0]![0];
    expect(command).toBeInstanceOf(GetBootstrapBrokersCommand);
    expect((command as GetBootstrapBrokersCommand).input).toEqual({ ClusterArn: ARN });
  });

  it('MSK IAM without AWS access wired in fails loudly', async () => {
    await expect(buildKafkaConfig({ kind: 'msk-iam', clusterArn: ARN, network: 'private' }, {})).rejects.toThrow(/options\.msk/);
  });
});

describe('createRedactingLogCreator', () => {
  it('strips secret fields at any depth and known secret values anywhere', () => {
    const lines: Parameters<KafkaLogSink>[] = [];
    const log = createRedactingLogCreator((...args) => lines.push(args), ['hunter2-long'])(logLevel.DEBUG);
    log({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: 'now',
        message: 'auth failed for password hunter2-long',
        broker: 'k:9096',
        sasl: { mechanism: 'plain', username: 'u', password: 'hunter2-long' },
        nested: { oauthBearerToken: 'eyJ...', note: 'saw hunter2-long twice: hunter2-long' },
        error: new Error('bad creds hunter2-long'),
      },
    });
    expect(lines).toEqual([
      [
        'error',
        'auth failed for password [redacted]',
        {
          namespace: 'Connection',
          broker: 'k:9096',
          sasl: '[redacted]',
          nested: { oauthBearerToken: '[redacted]', note: 'saw [redacted] twice: [redacted]' },
          error: { name: 'Error', message: 'bad creds [redacted]' },
        },
      ],
    ]);
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });

  it('builds configs whose logCreator redacts that cluster’s password', async () => {
    const lines: string[] = [];
    const config = await buildKafkaConfig(
      { kind: 'sasl-scram-sha-512', brokers: ['k:1'], username: 'u', tls: false },
      { password: 'topsecret-pw' },
      { logSink: (_level, message) => lines.push(message) },
    );
    config.logCreator!(logLevel.INFO)({ namespace: '', level: logLevel.WARN, label: 'WARN', log: { timestamp: '', message: 'pw=topsecret-pw' } });
    expect(lines).toEqual(['pw=[redacted]']);
  });
});

describe('kafka connection schemas', () => {
  it('parses each kind and applies defaults', () => {
    expect(kafkaConnectionSettingsSchema.parse({ kind: 'msk-iam', clusterArn: ARN })).toEqual({ kind: 'msk-iam', clusterArn: ARN, network: 'private' });
    expect(kafkaConnectionSettingsSchema.parse({ kind: 'sasl-plain', brokers: ['[::1]:9092'], username: 'u' })).toMatchObject({ tls: true });
  });

  it('rejects bad broker addresses and ARNs', () => {
    expect(kafkaConnectionSettingsSchema.safeParse({ kind: 'plaintext', brokers: ['no-port'] }).success).toBe(false);
    expect(kafkaConnectionSettingsSchema.safeParse({ kind: 'msk-iam', clusterArn: 'arn:aws:s3:::bucket' }).success).toBe(false);
  });

  it('requires the password for SASL and the key for mutual TLS', () => {
    const sasl = kafkaClusterInputSchema.safeParse({ name: 'x', settings: { kind: 'sasl-scram-sha-512', brokers: ['k:1'], username: 'u' } });
    expect(sasl.error?.issues[0]?.path).toEqual(['secrets', 'password']);
    const mtls = kafkaClusterInputSchema.safeParse({ name: 'x', settings: { kind: 'tls', brokers: ['k:1'], clientCertPem: CA } });
    expect(mtls.error?.issues[0]?.path).toEqual(['secrets', 'clientKeyPem']);
  });
});
