import { buildsDone, describeBuild } from '@/lib/launches/builds';
import type { FunctionBuildProgressDto } from '@/lib/launches/dto';

const tone: Record<FunctionBuildProgressDto['status'], string> = {
  pending: 'text-slate-500',
  building: 'text-brand-700',
  built: 'text-slate-700',
  cached: 'text-slate-700',
  failed: 'text-red-700',
};

/** The function builds of a launch, each with its state: followed live by the launch form, kept on the launch page. */
export function FunctionBuilds({ builds, live = false }: { builds: FunctionBuildProgressDto[]; live?: boolean }) {
  const { done, total, failed } = buildsDone(builds);
  return (
    <div className="text-sm" data-testid="function-builds">
      <p className="font-medium">
        Function builds{' '}
        <span className="font-normal text-slate-500">
          ({done} of {total} done{failed ? ', one failed: nothing was sent to CloudFormation' : ''})
        </span>
      </p>
      <ul className="mt-1 space-y-0.5" aria-live={live ? 'polite' : undefined}>
        {builds.map((b) => (
          <li key={b.functionId} data-testid="function-build" data-build-status={b.status} className={tone[b.status]}>
            <span className="font-mono text-xs">{b.functionId}</span> ({b.runtime}, {b.tool}): <span className="break-words">{describeBuild(b)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
