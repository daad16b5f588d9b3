import { AssignerProtocol } from 'kafkajs';
import { describe, expect, it } from 'vitest';

import { describeMember, ownedPartitionKeys, toConsumerGroupDescription } from './group-members';
import { partitionKey } from './offset';

const member = (memberId: string, assignment: Record<string, number[]> | null) => ({
  memberId,
  clientId: `${memberId}-client`,
  clientHost: '/10.0.0.7',
  memberMetadata: Buffer.alloc(0),
  memberAssignment: assignment ? AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) }) : Buffer.alloc(0),
});

describe('toConsumerGroupDescription', () => {
  const description = toConsumerGroupDescription({
    groupId: 'billing',
    state: 'Stable',
    protocol: 'RoundRobinAssigner',
    protocolType: 'consumer',
    members: [member('m-1', { orders: [2, 0], audit: [0] }), member('m-2', null)],
  });

  it('decodes each member’s assignment, sorted', () => {
    expect(description.members).toEqual([
      {
        memberId: 'm-1',
        clientId: 'm-1-client',
        host: '/10.0.0.7',
        assignments: [
          { topic: 'audit', partitions: [0] },
          { topic: 'orders', partitions: [0, 2] },
        ],
      },
      { memberId: 'm-2', clientId: 'm-2-client', host: '/10.0.0.7', assignments: [] },
    ]);
  });

  it('knows which partitions a live member owns', () => {
    expect([...ownedPartitionKeys(description)].sort()).toEqual([partitionKey('audit', 0), partitionKey('orders', 0), partitionKey('orders', 2)].sort());
  });

  it('does not decode assignments of non-consumer protocols (e.g. Connect)', () => {
    const connect = toConsumerGroupDescription({
      groupId: 'connect-cluster',
      state: 'Stable',
      protocol: 'sessioned',
      protocolType: 'connect',
      members: [{ ...member('w-1', null), memberAssignment: Buffer.from('not a consumer assignment') }],
    });
    expect(connect.members[0]!.assignments).toEqual([]);
  });

  it('describes a member for messages', () => {
    expect(describeMember(description.members[0]!)).toBe('m-1 (client m-1-client on /10.0.0.7)');
  });
});
