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

  it('prefills from a launch the caller can read, with its parameter values, and says so', async () => {
    const launches = {
      l1: { id: 'l1', stackName: 'mem-heavy', blueprintSlug: 'sns-message-data-protection', region: 'us-east-1', parameters: { FunctionMemory: '2048' } },
    };
    const withMap: Record<string, CostProfile> = {
      'sns-message-data-protection': {
        kind: 'lambda',
        memoryMb: 128,
        durationMs: 20,
        invocationsPerMonth: 200_000,
        architecture: 'x86_64',
        parameterMap: { memoryMb: 'FunctionMemory' },
      },
    };
    const findLaunch = vi.fn(async (id: string) => launches[id as keyof typeof launches]);
    const start = await resolveEstimatorStart({ launch: 'l1', blueprint: 'sns-message-data-protection' }, async (slug) => withMap[slug], findLaunch);
    expect(start.state).toMatchObject({ mode: 'lambda', lambda: { memoryMb: 2048, durationMs: 20 } });
    expect(start.notices).toEqual([{ tone: 'info', text: expect.stringContaining('Started from the launch “mem-heavy” of “sns-message-data-protection”') }]);
    expect(start.notices[0]?.text).toContain('the launched FunctionMemory 2048');
  });

  it('falls back to the blueprint when the launch cannot be read, without looking up malformed ids', async () => {
    const findLaunch = vi.fn(async () => undefined);
    const start = await resolveEstimatorStart({ launch: 'someone-elses', blueprint: 'sns-message-data-protection' }, findProfile, findLaunch);
    expect(start.state.lambda.memoryMb).toBe(128);
    expect(start.notices.map((notice) => notice.tone)).toEqual(['warn', 'info']);
    expect(start.notices[0]?.text).toMatch(/no launch “someone-elses” you can read/);
    await resolveEstimatorStart({ launch: '../x' }, findProfile, findLaunch);
    expect(findLaunch).toHaveBeenCalledTimes(1);
  });
});
