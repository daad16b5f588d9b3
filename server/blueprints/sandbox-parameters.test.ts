import { describe, expect, it } from 'vitest';

import { SANDBOX_KAFKA_BROKERS_TOKEN, resolveSandboxParameters } from './sandbox-parameters';

describe('resolveSandboxParameters', () => {
  it('fills in the sandbox broker the portal runs against and leaves other values as they are', () => {
    expect(
      resolveSandboxParameters(
        { BootstrapBrokers: SANDBOX_KAFKA_BROKERS_TOKEN, KafkaAuthMode: 'NONE', Servers: `a:1,${SANDBOX_KAFKA_BROKERS_TOKEN}` },
        { kafkaBrokers: '127.0.0.1:9730' },
      ),
    ).toEqual({ BootstrapBrokers: '127.0.0.1:9730', KafkaAuthMode: 'NONE', Servers: 'a:1,127.0.0.1:9730' });
  });

  it('gives no values for a blueprint without sandbox parameters', () => {
    expect(resolveSandboxParameters(undefined, { kafkaBrokers: '127.0.0.1:9092' })).toEqual({});
  });
});
