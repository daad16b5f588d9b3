import { DescribeClusterV2Command, KafkaClient } from '@aws-sdk/client-kafka';
import { describe, expect, it, vi } from 'vitest';

import { lookupMskBootstrapBrokers, readMskKafkaVersion, type MskControlPlane } from './msk';

const ARN = 'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/0b4c2e5e-1111-2222-3333-444455556666-3';

function fakeMsk(output: Record<string, unknown>) {
  const send = vi.fn(async (_command: unknown) => output);
  return { client: { send } as unknown as MskControlPlane, send };
}

describe('lookupMskBootstrapBrokers', () => {
  it('accepts the real SDK client (compile-time check of MskControlPlane)', () => {
    const client: MskControlPlane = new KafkaClient({ region: 'eu-west-1' });
    expect(typeof client.send).toBe('function');
  });

  it('picks the public IAM listener when asked', async () => {
    const { client } = fakeMsk({ BootstrapBrokerStringSaslIam: 'private:9098', BootstrapBrokerStringPublicSaslIam: 'public:9198' });
    expect(await lookupMskBootstrapBrokers(client, ARN, 'public')).toEqual(['public:9198']);
  });

  it('explains a cluster without an IAM listener', async () => {
    const { client } = fakeMsk({ BootstrapBrokerStringTls: 'b-1:9094' });
    await expect(lookupMskBootstrapBrokers(client, ARN)).rejects.toThrow(/no IAM listener/);
  });

  it('wraps AWS errors as upstream errors', async () => {
    const client = { send: async () => Promise.reject(new Error('AccessDenied')) } as unknown as MskControlPlane;
    await expect(lookupMskBootstrapBrokers(client, ARN)).rejects.toMatchObject({ code: 'UPSTREAM', message: /AccessDenied/ });
  });
});

describe('readMskKafkaVersion', () => {
  it('reads the broker software version of a provisioned cluster', async () => {
    const { client, send } = fakeMsk({ ClusterInfo: { Provisioned: { CurrentBrokerSoftwareInfo: { KafkaVersion: '3.6.0' } } } });
    expect(await readMskKafkaVersion(client, ARN)).toBe('3.6.0');
    expect(send.mock.calls[0]![0]).toBeInstanceOf(DescribeClusterV2Command);
  });

  it('is null for a serverless cluster or when AWS refuses', async () => {
    expect(await readMskKafkaVersion(fakeMsk({ ClusterInfo: { Serverless: {} } }).client, ARN)).toBeNull();
    const refusing = { send: async () => Promise.reject(new Error('AccessDenied')) } as unknown as MskControlPlane;
    expect(await readMskKafkaVersion(refusing, ARN)).toBeNull();
  });
});
