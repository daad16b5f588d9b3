import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';

import { computeGroupLag } from './lag';
import { formatLagMetrics } from './metrics';

const p = (topic: string, partition: number, logStartOffset: string, logEndOffset: string, committedOffset: string | null) => ({
  topic,
  partition,
  logStartOffset,
  logEndOffset,
  committedOffset,
});

const billing = computeGroupLag({
  groupId: 'billing "eu"\\main',
  partitions: [p('orders', 0, '0', '100', '40'), p('orders', 1, '0', '10', '50'), p('orders', 2, '0', '9007199254740993', '1'), p('audit', 0, '5', '9', null)],
});
const text = formatLagMetrics([
  {
    clusterName: 'prod\nmsk',
    sampledAt: 1_700_000_000_000,
    groups: [
      {
        lag: billing,
        timeLag: {
          groupId: billing.groupId,
          maxSecondsBehind: 12.5,
          isLowerBound: false,
          unknownPartitionCount: 0,
          partitions: [
            { topic: 'orders', partition: 0, secondsBehind: 12.5, isLowerBound: false },
            { topic: 'orders', partition: 1, secondsBehind: 0, isLowerBound: false },
            { topic: 'orders', partition: 2, secondsBehind: null, isLowerBound: false },
          ],
        },
      },
    ],
  },
]);
const families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
const series = (name: string): Record<string, string>[] => families.get(name)?.metrics.map((m) => ({ ...m.labels, value: m.value })) ?? [];
const cluster_name = 'prod\nmsk';
const group = 'billing "eu"\\main';

describe('formatLagMetrics', () => {
  it('writes every kafka-lag-exporter family as a gauge with HELP, readable by a Prometheus parser', () => {
    for (const name of [
      'kafka_consumergroup_group_lag',
      'kafka_consumergroup_group_lag_seconds',
      'kafka_consumergroup_group_max_lag',
      'kafka_consumergroup_group_sum_lag',
      'kafka_consumergroup_group_max_lag_seconds',
      'kafka_partition_latest_offset',
      'kafka_partition_earliest_offset',
    ]) {
      expect(families.get(name), name).toMatchObject({ type: 'GAUGE', help: expect.any(String) });
    }
  });

  it('labels partition lag like kafka-lag-exporter, negative when ahead, none without a commit, 64-bit exact', () => {
    // audit-0 has no commit: no series at all.
    expect(series('kafka_consumergroup_group_lag')).toEqual([
      { cluster_name, group, topic: 'orders', partition: '0', value: '60' },
      { cluster_name, group, topic: 'orders', partition: '1', value: '-40' },
      { cluster_name, group, topic: 'orders', partition: '2', value: '9007199254740992' },
    ]);
    expect(text).toContain('partition="2"} 9007199254740992\n');
  });

  it('sums and maxes non-negative lags only, per group and per topic', () => {
    expect(series('kafka_consumergroup_group_sum_lag')).toEqual([{ cluster_name, group, value: '9007199254741052' }]);
    expect(series('kafka_consumergroup_group_max_lag')).toEqual([{ cluster_name, group, value: '9007199254740992' }]);
    expect(series('kafka_consumergroup_group_topic_sum_lag')).toContainEqual({ cluster_name, group, topic: 'orders', value: '9007199254741052' });
  });

  it('leaves out unknown time lag and writes known seconds', () => {
    expect(series('kafka_consumergroup_group_lag_seconds').map((s) => [s.partition, s.value])).toEqual([
      ['0', '12.5'],
      ['1', '0'],
    ]);
    expect(series('kafka_consumergroup_group_max_lag_seconds')).toEqual([{ cluster_name, group, value: '12.5' }]);
  });

  it('writes each partition’s log offsets once per cluster', () => {
    expect(series('kafka_partition_latest_offset')).toHaveLength(4);
    expect(series('kafka_partition_earliest_offset')).toContainEqual({ cluster_name, topic: 'audit', partition: '0', value: '5' });
  });

  it('omits max lag seconds while it is unknown', () => {
    const unknown = formatLagMetrics([
      {
        clusterName: 'c',
        sampledAt: 0,
        groups: [{ lag: billing, timeLag: { groupId: group, maxSecondsBehind: null, isLowerBound: false, unknownPartitionCount: 1, partitions: [] } }],
      },
    ]);
    expect(unknown).not.toMatch(/^kafka_consumergroup_group_max_lag_seconds\{/m);
    expect(unknown).toMatch(/^# TYPE kafka_consumergroup_group_max_lag_seconds gauge$/m);
  });
});

describe('infra/grafana-kafka-lag.json', () => {
  it('queries only metrics /metrics serves', async () => {
    const { readFileSync } = await import('node:fs');
    const dashboard = readFileSync('infra/grafana-kafka-lag.json', 'utf8');
    const used = new Set(dashboard.match(/\b(?:kafka|slipway)_[a-z_]+\b/g));
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(families.has(name), name).toBe(true);
  });
});
