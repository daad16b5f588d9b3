import { describe, expect, it } from 'vitest';

import { buildsDone, describeBuild } from './builds';
import type { FunctionBuildProgressDto } from './dto';

const build = (over: Partial<FunctionBuildProgressDto>): FunctionBuildProgressDto => ({
  functionId: 'ProducerFunction',
  runtime: 'nodejs22.x',
  tool: 'esbuild',
  status: 'pending',
  sizeBytes: null,
  durationMs: null,
  error: null,
  ...over,
});

describe('describeBuild', () => {
  it('says where each build is, and how a finished one ended', () => {
    expect(describeBuild(build({}))).toBe('waiting');
    expect(describeBuild(build({ status: 'building' }))).toBe('building with esbuild…');
    expect(describeBuild(build({ status: 'built', durationMs: 2345, sizeBytes: 300_000 }))).toBe('built in 2.3 s, 293 KiB');
    expect(describeBuild(build({ status: 'cached', durationMs: 3, sizeBytes: 100 }))).toBe('unchanged, from the build cache, 1 KiB');
    expect(describeBuild(build({ status: 'failed', durationMs: 400, error: 'esbuild: Could not resolve "x"' }))).toBe(
      'build failed in 0.4 s: esbuild: Could not resolve "x"',
    );
  });
});

describe('buildsDone', () => {
  it('counts finished builds and notes a failure', () => {
    expect(buildsDone([build({ status: 'built' }), build({ status: 'building' }), build({})])).toEqual({ done: 1, total: 3, failed: false });
    expect(buildsDone([build({ status: 'cached' }), build({ status: 'failed' })])).toEqual({ done: 2, total: 2, failed: true });
  });
});
