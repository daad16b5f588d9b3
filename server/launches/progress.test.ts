import { describe, expect, it } from 'vitest';
import { summariseEvents } from './progress';
import type { StackEventDto } from '@/lib/launches/dto';

let n = 0;
const ev = (logicalId: string, status: string, reason: string | null = null): StackEventDto => ({
  eventId: `e${++n}`,
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  logicalId,
  physicalId: null,
  resourceType: logicalId === 'stack' ? 'AWS::CloudFormation::Stack' : 'AWS::SQS::Queue',
  status,
  reason,
});

describe('summariseEvents', () => {
  it('counts finished resources out of the template total while creating', () => {
    const events = [ev('stack', 'CREATE_IN_PROGRESS'), ev('A', 'CREATE_IN_PROGRESS'), ev('A', 'CREATE_COMPLETE'), ev('B', 'CREATE_IN_PROGRESS')];
    expect(summariseEvents(events, 'stack', 3)).toMatchObject({ done: 1, total: 3, failed: 0, firstFailure: null, rollingBack: false });
  });

  it('finds the first real failure and notices the rollback', () => {
    const events = [
      ev('stack', 'CREATE_IN_PROGRESS'),
      ev('A', 'CREATE_COMPLETE'),
      ev('B', 'CREATE_FAILED', 'Queue name already taken'),
      ev('C', 'CREATE_FAILED', 'Resource creation cancelled'),
      ev('stack', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [B].'),
      ev('A', 'DELETE_COMPLETE'),
      ev('stack', 'ROLLBACK_COMPLETE'),
    ];
    const s = summariseEvents(events, 'stack');
    expect(s.firstFailure?.logicalId).toBe('B');
    expect(s.rollingBack).toBe(true);
  });

  it('looks only at the latest operation', () => {
    const events = [
      ev('stack', 'CREATE_IN_PROGRESS'),
      ev('A', 'CREATE_FAILED', 'old'),
      ev('stack', 'CREATE_COMPLETE'),
      ev('stack', 'UPDATE_IN_PROGRESS'),
      ev('A', 'UPDATE_COMPLETE'),
    ];
    expect(summariseEvents(events, 'stack')).toMatchObject({ done: 1, failed: 0, firstFailure: null });
  });
});
