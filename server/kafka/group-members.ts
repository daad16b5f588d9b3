import 'server-only';

import { AssignerProtocol, type GroupDescription } from 'kafkajs';

import type { ConsumerGroupMemberDto } from '@/lib/kafka/dto';

import { partitionKey } from './offset';

export interface ConsumerGroupDescription {
  groupId: string;
  /** Kafka's group state: Stable, PreparingRebalance, CompletingRebalance, Empty, Dead. */
  state: string;
  protocolType: string;
  members: ConsumerGroupMemberDto[];
}

/** Members with their decoded partition assignments from a kafkajs describeGroups entry. */
export function toConsumerGroupDescription(group: GroupDescription): ConsumerGroupDescription {
  return {
    groupId: group.groupId,
    state: group.state,
    protocolType: group.protocolType,
    members: group.members.map((member) => ({
      memberId: member.memberId,
      clientId: member.clientId,
      host: member.clientHost,
      assignments: group.protocolType === 'consumer' ? decodeAssignments(member.memberAssignment) : [],
    })),
  };
}

/** `partitionKey`s assigned to any member: the partitions a live consumer owns. */
export function ownedPartitionKeys(description: ConsumerGroupDescription): Set<string> {
  const keys = new Set<string>();
  for (const member of description.members) {
    for (const { topic, partitions } of member.assignments) {
      for (const partition of partitions) keys.add(partitionKey(topic, partition));
    }
  }
  return keys;
}

/** "member-1 (client billing-worker on /10.0.0.7)" for messages. */
export function describeMember(member: Pick<ConsumerGroupMemberDto, 'memberId' | 'clientId' | 'host'>): string {
  return `${member.memberId} (client ${member.clientId} on ${member.host})`;
}

function decodeAssignments(buffer: Buffer): ConsumerGroupMemberDto['assignments'] {
  if (!buffer || buffer.length === 0) return []; // mid-rebalance: not assigned yet
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(buffer);
    if (!decoded) return [];
    return Object.entries(decoded.assignment)
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
      .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  } catch {
    return []; // a non-standard assignor's format: membership is still worth showing
  }
}
