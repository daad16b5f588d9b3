import 'server-only';
import type { StackEventDto } from '@/lib/launches/dto';

/**
 * Progress of the current operation from its events: resources finished out of resources touched,
 * the first failure (what people need to read first), and whether CloudFormation is rolling back.
 */
export function summariseEvents(events: StackEventDto[], stackLogicalId: string | null, expectedResources = 0) {
  // Only the latest operation counts: events after the last stack-level *_IN_PROGRESS that started it.
  let start = 0;
  events.forEach((e, i) => {
    if (e.logicalId === stackLogicalId && /^(CREATE|UPDATE|DELETE|IMPORT)_IN_PROGRESS$/.test(e.status) && !/ROLLBACK/.test(e.status)) start = i;
  });
  const current = events.slice(start);
  const latest = new Map<string, StackEventDto>();
  for (const e of current) if (e.logicalId !== stackLogicalId) latest.set(e.logicalId, e);
  const states = [...latest.values()];
  const done = states.filter((e) => /_COMPLETE$|_SKIPPED$/.test(e.status)).length;
  const failed = states.filter((e) => /_FAILED$/.test(e.status)).length;
  const firstFailure =
    current.find((e) => /_FAILED$/.test(e.status) && e.logicalId !== stackLogicalId && e.reason && !/cancelled|Resource creation cancelled/i.test(e.reason)) ??
    current.find((e) => /_FAILED$/.test(e.status)) ??
    null;
  const rollingBack = current.some((e) => e.logicalId === stackLogicalId && /ROLLBACK/.test(e.status));
  return { done, failed, total: Math.max(states.length, expectedResources), firstFailure, rollingBack };
}
