import 'server-only';

import type { OffsetResetPartitionDto, OffsetResetPlanDto, OffsetResetResultDto } from '@/lib/kafka/dto';
import type { OffsetResetRequest, OffsetResetStrategy } from '@/lib/schemas/kafka';
import { AppError } from '@/server/errors';

import { type ClusterAdmin, describeConsumerGroups } from './admin';
import { describeMember, type ConsumerGroupDescription } from './group-members';
import { clampOffset, parseOffset, partitionKey, partitionLabel } from './offset';

/** What planning needs to know about one partition. */
export interface ResetPartitionState {
  topic: string;
  partition: number;
  logStartOffset: bigint;
  logEndOffset: bigint;
  committedOffset: bigint | null;
  /** For `to-datetime`: first offset at or after the time (kafkajs gives the log end when there is none). */
  offsetAtTimestamp?: bigint;
}

/** Groups whose offsets may be changed: no members (Empty) or not existing yet (Dead, e.g. a new group). */
const RESETTABLE_STATES = new Set(['Empty', 'Dead']);

/**
 * Pure planning: the new offset of every partition for a strategy, clamped to [log start, log end],
 * with the lag the group will have afterwards.
 */
export function planOffsetReset(groupId: string, strategy: OffsetResetStrategy, partitions: readonly ResetPartitionState[]): OffsetResetPlanDto {
  const planned = partitions.map((p) => planPartition(strategy, p));
  const totalLagAfterReset = planned.reduce((sum, p) => sum + BigInt(p.lagAfterReset), 0n);
  return {
    groupId,
    strategy: describeStrategy(strategy),
    partitions: planned,
    totalLagAfterReset: totalLagAfterReset.toString(),
    executed: false,
  };
}

function planPartition(strategy: OffsetResetStrategy, p: ResetPartitionState): OffsetResetPartitionDto {
  const name = partitionLabel(p.topic, p.partition);
  let target: bigint;
  let note: string | null = null;
  switch (strategy.kind) {
    case 'earliest':
      target = p.logStartOffset;
      break;
    case 'latest':
      target = p.logEndOffset;
      break;
    case 'to-offset':
      target = BigInt(strategy.offset);
      break;
    case 'shift-by':
      if (p.committedOffset === null) {
        throw new AppError('VALIDATION', `Cannot shift ${name}: the group has no committed offset there to shift from`);
      }
      target = p.committedOffset + BigInt(strategy.by);
      break;
    case 'to-datetime':
      if (p.offsetAtTimestamp === undefined) throw new Error(`No timestamp lookup for ${name}`);
      target = p.offsetAtTimestamp;
      if (target >= p.logEndOffset) note = `no record at or after ${strategy.at}: moved to the log end`;
      break;
  }
  const newOffset = clampOffset(target, p.logStartOffset, p.logEndOffset);
  if (newOffset > target) note = `clamped to the log start (${p.logStartOffset}); ${target} is no longer in the log`;
  if (newOffset < target) note = `clamped to the log end (${p.logEndOffset})`;
  return {
    topic: p.topic,
    partition: p.partition,
    currentOffset: p.committedOffset?.toString() ?? null,
    newOffset: newOffset.toString(),
    logStartOffset: p.logStartOffset.toString(),
    logEndOffset: p.logEndOffset.toString(),
    lagAfterReset: (p.logEndOffset - newOffset).toString(),
    note,
  };
}

/** "to-datetime 2024-05-01T10:00:00Z", "shift-by -100", "earliest". */
export function describeStrategy(strategy: OffsetResetStrategy): string {
  switch (strategy.kind) {
    case 'to-datetime':
      return `to-datetime ${strategy.at}`;
    case 'to-offset':
      return `to-offset ${strategy.offset}`;
    case 'shift-by':
      return `shift-by ${strategy.by}`;
    default:
      return strategy.kind;
  }
}

/** Throws a CONFLICT naming the active members unless the group can be reset. */
export function assertGroupResettable(group: ConsumerGroupDescription): void {
  if (RESETTABLE_STATES.has(group.state)) return;
  const members = group.members.map(describeMember);
  const who = members.length > 0 ? `active members: ${members.join(', ')}` : 'it is rebalancing';
  throw new AppError('CONFLICT', `Consumer group ${group.groupId} is ${group.state}; stop its consumers before resetting offsets (${who})`, {
    details: { state: group.state, members: group.members.map(({ memberId, clientId, host }) => ({ memberId, clientId, host })) },
  });
}

/**
 * Plans a reset against the cluster and, unless `request.dryRun`, executes it with `admin.setOffsets`.
 * Execution requires the group to be Empty (or not to exist yet); otherwise a CONFLICT names who is
 * still consuming.
 */
export async function resetGroupOffsets(client: ClusterAdmin, request: OffsetResetRequest): Promise<OffsetResetResultDto> {
  const { admin } = client;
  const [group] = await describeConsumerGroups(admin, [request.groupId]);
  if (!group) throw new AppError('NOT_FOUND', `Consumer group ${request.groupId} was not described by the cluster`);
  if (!request.dryRun) assertGroupResettable(group);

  const partitions = await readResetPartitionStates(client, request);
  const plan = planOffsetReset(request.groupId, request.strategy, partitions);
  if (request.dryRun) return { ...plan, groupState: group.state };

  // A consumer may have joined while we planned; setOffsets checks too, but its error names no one.
  const [again] = await describeConsumerGroups(admin, [request.groupId]);
  if (again) assertGroupResettable(again);

  const byTopic = new Map<string, { partition: number; offset: string }[]>();
  for (const p of plan.partitions) {
    byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), { partition: p.partition, offset: p.newOffset }]);
  }
  for (const [topic, offsets] of byTopic) {
    await admin.setOffsets({ groupId: request.groupId, topic, partitions: offsets });
  }
  return { ...plan, executed: true, groupState: group.state };
}

/** Offsets of the requested partitions: log start/end (batched), the group's commits, and timestamp lookups. */
async function readResetPartitionStates(client: ClusterAdmin, request: OffsetResetRequest): Promise<ResetPartitionState[]> {
  const topics = [...new Set(request.topics.map((t) => t.topic))];
  const log = await client.topicOffsets.read(topics);
  if (log.missingTopics.length > 0) throw new AppError('NOT_FOUND', `Unknown topic: ${log.missingTopics.join(', ')}`);

  const committed = new Map<string, bigint | null>();
  for (const { topic, partitions } of await client.admin.fetchOffsets({ groupId: request.groupId, topics })) {
    for (const { partition, offset } of partitions) committed.set(partitionKey(topic, partition), parseOffset(offset));
  }

  const atTimestamp = new Map<string, bigint>();
  if (request.strategy.kind === 'to-datetime') {
    const timestamp = Date.parse(request.strategy.at);
    for (const topic of topics) {
      for (const { partition, offset } of await client.admin.fetchTopicOffsetsByTimestamp(topic, timestamp)) {
        atTimestamp.set(partitionKey(topic, partition), BigInt(offset));
      }
    }
  }

  const states: ResetPartitionState[] = [];
  const seen = new Set<string>();
  for (const { topic, partitions: chosen } of request.topics) {
    const existing = log.partitionsByTopic.get(topic) ?? [];
    const unknown = (chosen ?? []).filter((p) => !existing.includes(p));
    if (unknown.length > 0) throw new AppError('VALIDATION', `Topic ${topic} has no partition ${unknown.join(', ')}`);
    for (const partition of chosen ?? existing) {
      const key = partitionKey(topic, partition);
      if (seen.has(key)) continue;
      seen.add(key);
      const offsets = log.offsets.get(key)!;
      const offsetAtTimestamp = atTimestamp.get(key);
      states.push({
        topic,
        partition,
        logStartOffset: BigInt(offsets.logStartOffset),
        logEndOffset: BigInt(offsets.logEndOffset),
        committedOffset: committed.get(key) ?? null,
        ...(offsetAtTimestamp === undefined ? {} : { offsetAtTimestamp }),
      });
    }
  }
  return states;
}
