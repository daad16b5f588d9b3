// The broker's configuration: loopback only, the requested ports, one node, data in the data dir.
import { describe, expect, it } from 'vitest';

import { KAFKA_LOG4J, kafkaServerProperties, newClusterId } from './kafka-server.mjs';

/** server.properties as a map (comments and blank lines dropped). */
function parseProperties(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const separator = line.indexOf('=');
      return [line.slice(0, separator), line.slice(separator + 1)] as const;
    });
  return new Map(entries);
}

describe('kafkaServerProperties', () => {
  const properties = parseProperties(kafkaServerProperties({ kafkaDir: '/data/kafka', port: 9192, controllerPort: 9193 }));

  it('adds an MSK IAM listener (SASL_PLAINTEXT, OAUTHBEARER, the validator with its credentials) only when asked', () => {
    expect([...properties.keys()].some((key) => key.startsWith('listener.name.mskiam.'))).toBe(false);
    const iam = parseProperties(
      kafkaServerProperties({
        kafkaDir: '/data/kafka',
        port: 9192,
        controllerPort: 9193,
        mskIam: { port: 9194, region: 'us-east-1', accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      }),
    );
    expect(iam.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9192,CONTROLLER://127.0.0.1:9193,MSKIAM://127.0.0.1:9194');
    expect(iam.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:9192,MSKIAM://127.0.0.1:9194');
    expect(iam.get('listener.security.protocol.map')).toBe('PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,MSKIAM:SASL_PLAINTEXT');
    expect(iam.get('inter.broker.listener.name')).toBe('PLAINTEXT');
    expect(iam.get('listener.name.mskiam.sasl.enabled.mechanisms')).toBe('OAUTHBEARER');
    expect(iam.get('listener.name.mskiam.oauthbearer.sasl.server.callback.handler.class')).toBe('SlipwayMskIamValidator');
    expect(iam.get('listener.name.mskiam.oauthbearer.sasl.jaas.config')).toContain('region="us-east-1" accessKeyId="sandbox" secretAccessKey="sandbox";');
  });

  it('listens and advertises on 127.0.0.1 only, on the requested ports', () => {
    expect(properties.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9192,CONTROLLER://127.0.0.1:9193');
    expect(properties.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:9192');
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:9193');
  });

  it('is one node that is broker and controller, with every replication factor 1', () => {
    expect(properties.get('process.roles')).toBe('broker,controller');
    for (const key of ['default.replication.factor', 'min.insync.replicas', 'offsets.topic.replication.factor', 'transaction.state.log.replication.factor']) {
      expect(properties.get(key), key).toBe('1');
    }
  });

  it('keeps its data in the data dir and creates no topic on its own', () => {
    expect(properties.get('log.dirs')).toBe('/data/kafka/data');
    expect(properties.get('auto.create.topics.enable')).toBe('false');
  });

  it('logs to stdout, which the launcher appends to kafka.log', () => {
    expect(KAFKA_LOG4J).toContain('log4j.rootLogger=INFO, stdout');
  });
});

describe('newClusterId', () => {
  it('is 16 random bytes in URL-safe base64, as kafka-storage random-uuid prints', () => {
    const id = newClusterId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    expect(newClusterId()).not.toBe(id);
  });

  it('never starts with "-", which kafka-storage format would read as an option (one random id in 64 does)', () => {
    const ids = Array.from({ length: 3000 }, () => newClusterId());
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    // Not by avoiding the character: it still appears elsewhere.
    expect(ids.some((id) => id.includes('-'))).toBe(true);
  });
});
