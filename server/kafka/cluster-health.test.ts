import { describe, expect, it } from 'vitest';

import { createClusterHealthTracker, createInMemoryClusterHealthStore, describeClusterError } from './cluster-health';

const cluster = { id: 'c1', name: 'orders', teamId: 't1' };

describe('the cluster health tracker', () => {
  it('writes a record only when the verdict changes', async () => {
    const store = createInMemoryClusterHealthStore();
    const tracker = createClusterHealthTracker(store);
    expect(await tracker.markReachable(cluster, 1000)).toBe('became-reachable');
    expect(await tracker.markReachable(cluster, 2000)).toBe('unchanged');
    expect(await tracker.markUnreachable(cluster, 3000, 'ECONNREFUSED')).toBe('became-unreachable');
    expect(await tracker.markUnreachable(cluster, 4000, 'timeout')).toBe('unchanged');
    expect(await tracker.markReachable(cluster, 5000)).toBe('became-reachable');
    expect(store.records.get('c1')).toEqual([
      { state: 'reachable', since: 1000, lastError: null },
      { state: 'unreachable', since: 3000, lastError: 'ECONNREFUSED' },
      { state: 'reachable', since: 5000, lastError: null },
    ]);
  });

  it('continues from the stored state after a restart, and forgets deleted clusters', async () => {
    const store = createInMemoryClusterHealthStore();
    await store.write(cluster, { state: 'unreachable', since: 1000, lastError: 'down' });
    const tracker = createClusterHealthTracker(store);
    expect(await tracker.markUnreachable(cluster, 2000, 'down')).toBe('unchanged');
    expect((await tracker.current(cluster))?.since).toBe(1000);
    expect(await tracker.markReachable(cluster, 3000)).toBe('became-reachable');
    tracker.forget('c1');
    store.records.clear();
    expect(await tracker.current(cluster)).toBeNull();
  });
});

describe('describeClusterError', () => {
  it('adds the socket error kafkajs wraps and scrubs secrets', () => {
    const inner = new Error('connect ECONNREFUSED 127.0.0.1:9');
    const outer = Object.assign(new Error('Connection error'), { originalError: inner });
    expect(describeClusterError(outer)).toBe('Connection error (connect ECONNREFUSED 127.0.0.1:9)');
    expect(describeClusterError(new Error('bad login for hunter2-password'), ['hunter2-password'])).toBe('bad login for [redacted]');
    expect(describeClusterError('x'.repeat(800))).toHaveLength(500);
  });
});
