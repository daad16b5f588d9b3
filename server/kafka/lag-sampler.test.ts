import { describe, expect, it, vi } from 'vitest';

import type { LagSnapshot } from './admin';
import { createClusterHealthTracker, createInMemoryClusterHealthStore } from './cluster-health';
import { createLagSampler } from './lag-sampler';
import { createInMemoryLagSampleStore } from './sample-store';

// Each cluster's read answers when its test says so: `hung` never answers (until the read timeout).
const answers = new Map<string, () => Promise<LagSnapshot>>();
vi.mock('./admin', () => ({
  withClusterAdmin: (clusterId: string) => answers.get(clusterId)!(),
  readLagSnapshot: () => {
    throw new Error('not reached: withClusterAdmin is replaced');
  },
  closeClusterAdmin: async () => undefined,
  closeAllClusterAdmins: async () => undefined,
}));

const empty = (): Promise<LagSnapshot> => Promise.resolve({ takenAt: Date.now(), durationMs: 1, groups: [], offsetsMethod: 'batched' });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the lag sampler', () => {
  it('samples each cluster on its own: a hung cluster skips its own ticks and delays no other', async () => {
    answers.set('hung', () => new Promise<never>(() => undefined));
    let healthyReads = 0;
    answers.set('healthy', () => {
      healthyReads += 1;
      return empty();
    });
    const store = createInMemoryLagSampleStore();
    const sampler = createLagSampler({
      listClusters: async () => [
        { id: 'hung', name: 'hung', teamId: null },
        { id: 'healthy', name: 'healthy', teamId: null },
      ],
      buildConfig: () => async () => ({ brokers: [] }),
      store,
      health: createClusterHealthTracker(createInMemoryClusterHealthStore()),
      readTimeoutMs: 300,
    });

    expect(await sampler.tick()).toEqual({ started: ['hung', 'healthy'], busy: [] });
    await settle();
    expect(healthyReads).toBe(1);
    // The hung read is still waiting: its cluster is skipped, the other is sampled again at once.
    expect(await sampler.tick()).toEqual({ started: ['healthy'], busy: ['hung'] });
    await settle();
    expect(await sampler.tick()).toEqual({ started: ['healthy'], busy: ['hung'] });
    await settle();
    expect(healthyReads).toBe(3);

    // After its read timeout (300 ms) the hung cluster's round ends as unreachable and it is tried again.
    const timedOutBy = Date.now() + 5_000;
    let tick = await sampler.tick();
    while (tick.busy.includes('hung') && Date.now() < timedOutBy) {
      await settle();
      tick = await sampler.tick();
    }
    expect(tick.started).toEqual(['hung', 'healthy']);
    const results = await sampler.runRound();
    expect(results.find((r) => r.clusterId === 'hung')).toMatchObject({ ok: false, error: expect.stringContaining('no answer within') });
    expect(results.find((r) => r.clusterId === 'healthy')).toMatchObject({ ok: true });
    await sampler.close();
  });
});
