import type { FunctionBuildProgressDto } from './dto';

/** One function build in words, as the launch form and page list it. */
export function describeBuild(build: FunctionBuildProgressDto): string {
  const size = build.sizeBytes === null ? '' : `, ${Math.max(1, Math.round(build.sizeBytes / 1024))} KiB`;
  const took = build.durationMs === null ? '' : ` in ${(build.durationMs / 1000).toFixed(1)} s`;
  switch (build.status) {
    case 'pending':
      return 'waiting';
    case 'building':
      return `building with ${build.tool}…`;
    case 'built':
      return `built${took}${size}`;
    case 'cached':
      return `unchanged, from the build cache${size}`;
    case 'failed':
      return `build failed${took}: ${build.error ?? 'no message'}`;
  }
}

/** How far the builds are: finished (built, cached or failed) out of all. */
export function buildsDone(builds: readonly FunctionBuildProgressDto[]): { done: number; total: number; failed: boolean } {
  return {
    done: builds.filter((b) => b.status === 'built' || b.status === 'cached' || b.status === 'failed').length,
    total: builds.length,
    failed: builds.some((b) => b.status === 'failed'),
  };
}
