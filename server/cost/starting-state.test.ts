import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_ESTIMATOR_STATE } from '@/lib/cost/estimator-state';
import type { CostProfile } from '@/server/cost/cost-profile';

// The real lookup reads the blueprint library from disk; these tests hand in profiles directly.
vi.mock('@/server/cost/blueprint-profile', () => ({ findBlueprintCostProfile: async () => undefined }));
const { resolveEstimatorStart } = await import('@/server/cost/starting-state');

const profiles: Record<string, CostProfile> = {
  'sns-message-data-protection': { kind: 'lambda', memoryMb: 128, durationMs: 20, invocationsPerMonth: 200_000, architecture: 'x86_64' },
  'orders-nested-stacks': { kind: 'stepfunctions' },
};
const findProfile = async (slug: string) => profiles[slug];

describe('resolveEstimatorStart', () => {
  it('starts from the defaults with nothing in the URL', async () => {
    expect(await resolveEstimatorStart({}, findProfile)).toEqual({ state: DEFAULT_ESTIMATOR_STATE, notices: [] });
  });

  it('restores a shared link, and says which settings it could not use', async () => {
    const start = await resolveEstimatorStart({ state: '1_mem.2048_mem2.5_inv.-1' }, findProfile);
    expect(start.state.lambda.memoryMb).toBe(2048);
    expect(start.notices).toEqual([{ tone: 'warn', text: expect.stringMatching(/^Some settings in this link could not be used.*mem2.*inv/) }]);
  });

  it('prefills from a blueprint’s cost profile', async () => {
    const start = await resolveEstimatorStart({ blueprint: 'sns-message-data-protection' }, findProfile);
    expect(start.state).toMatchObject({ mode: 'lambda', includeFreeTier: false, lambda: { memoryMb: 128, durationMs: 20, invocationsPerMonth: 200_000 } });
    expect(start.notices[0]).toMatchObject({ tone: 'info', text: expect.stringContaining('sns-message-data-protection') });
  });

  it('lets a shared state win over a blueprint', async () => {
    const start = await resolveEstimatorStart({ state: '1_mem.4096', blueprint: 'sns-message-data-protection' }, findProfile);
    expect(start.state.lambda.memoryMb).toBe(4096);
    expect(start.notices).toEqual([]);
  });

  it('explains blueprints it cannot use, without looking up malformed slugs', async () => {
    expect((await resolveEstimatorStart({ blueprint: 'orders-nested-stacks' }, findProfile)).notices[0]?.text).toMatch(/Step Functions/);
    const lookup = vi.fn(findProfile);
    const start = await resolveEstimatorStart({ blueprint: '../../etc/passwd' }, lookup);
    expect(lookup).not.toHaveBeenCalled();
    expect(start).toEqual({ state: DEFAULT_ESTIMATOR_STATE, notices: [{ tone: 'warn', text: expect.stringContaining('There is no blueprint') }] });
  });
});
