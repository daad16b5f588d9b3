import 'server-only';

import type { KafkaEventSourceMappingDto, KafkaEventSourceMappingListDto } from '@/lib/kafka/dto';
import type { KafkaConnectionSettings } from '@/lib/schemas/kafka';
import type { TargetDto } from '@/lib/schemas/targets';
import type { Actor } from '@/server/auth/actor';
import { readableTeamIds } from '@/server/auth/authz';
import { listEventSourceMappings, type EventSourceMapping } from '@/server/aws/lambda-event-sources';
import { listLaunchRows, parseOutputs } from '@/server/launches/queries';
import { resolveTargetRef } from '@/server/targets/queries';

import { effectiveClusterSettings } from './cluster-config';
import { listClusters, type StoredKafkaCluster } from './queries';

/**
 * Lambda event source mappings that consume from Kafka (what the MSK consumer blueprint creates),
 * matched to registered clusters so each links to its consumer group's lag page.
 */

/** The blueprint whose launches create these mappings; its `EventSourceMappingId` output is the UUID. */
const MSK_CONSUMER_BLUEPRINT = 'msk-custom-consumer-group';

const MSK_ARN = /^arn:aws[a-z-]*:kafka:/;

/** True for mappings whose source is MSK or a self-managed Kafka cluster. */
export function isKafkaEventSourceMapping(mapping: EventSourceMapping): boolean {
  return MSK_ARN.test(mapping.EventSourceArn ?? '') || bootstrapServersOf(mapping).length > 0;
}

function bootstrapServersOf(mapping: EventSourceMapping): string[] {
  // Each entry is one host:port, but people also put a comma-separated list in one entry.
  return (mapping.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS ?? []).flatMap((entry) =>
    entry
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export type MatchableCluster = { id: string; name: string; settings: KafkaConnectionSettings };

/** The registered cluster a mapping reads from: the same MSK ARN, or a shared bootstrap broker. */
export function matchCluster(mapping: EventSourceMapping, clusters: readonly MatchableCluster[]): MatchableCluster | null {
  const arn = mapping.EventSourceArn;
  if (arn && MSK_ARN.test(arn)) return clusters.find((c) => c.settings.kind === 'msk-iam' && c.settings.clusterArn === arn) ?? null;
  const servers = new Set(bootstrapServersOf(mapping).map((s) => s.toLowerCase()));
  return clusters.find((c) => c.settings.kind !== 'msk-iam' && c.settings.brokers.some((b) => servers.has(b.toLowerCase()))) ?? null;
}

/** The lag page of a group on a cluster. */
export function groupLagHref(clusterId: string, groupId: string): string {
  return `/kafka/${encodeURIComponent(clusterId)}/groups/${encodeURIComponent(groupId)}`;
}

/** One SDK mapping as the page shows it (`launches`: MSK consumer launches by mapping UUID). */
export function toKafkaEventSourceMappingDto(
  mapping: EventSourceMapping,
  clusters: readonly MatchableCluster[],
  launches: ReadonlyMap<string, { id: string; stackName: string }> = new Map(),
): KafkaEventSourceMappingDto {
  const consumerGroupId = mapping.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ?? mapping.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId ?? null;
  const cluster = matchCluster(mapping, clusters);
  const functionArn = mapping.FunctionArn ?? '';
  const uuid = mapping.UUID ?? '';
  return {
    uuid,
    functionName: functionArn.split(':function:')[1]?.split(':')[0] ?? functionArn,
    functionArn,
    state: mapping.State ?? 'Unknown',
    stateReason: mapping.StateTransitionReason ?? null,
    startingPosition: mapping.StartingPosition ?? null,
    startingPositionTimestamp: mapping.StartingPositionTimestamp?.toISOString() ?? null,
    topics: mapping.Topics ?? [],
    consumerGroupId,
    source:
      mapping.EventSourceArn && MSK_ARN.test(mapping.EventSourceArn)
        ? { kind: 'msk', clusterArn: mapping.EventSourceArn }
        : { kind: 'self-managed', bootstrapServers: bootstrapServersOf(mapping) },
    batchSize: mapping.BatchSize ?? null,
    lastModified: mapping.LastModified?.toISOString() ?? null,
    cluster: cluster ? { id: cluster.id, name: cluster.name } : null,
    lagHref: cluster && consumerGroupId ? groupLagHref(cluster.id, consumerGroupId) : null,
    launch: launches.get(uuid) ?? null,
  };
}

/** Kafka event source mappings in a target's region, linked to clusters the actor can read and to launches. */
export async function listKafkaEventSourceMappings(actor: Actor, target: TargetDto, region: string): Promise<KafkaEventSourceMappingListDto> {
  const summary = { id: target.id, name: target.name, region, isSandbox: target.isSandbox };
  const targetRef = await resolveTargetRef(target, region);
  let mappings: EventSourceMapping[];
  try {
    mappings = (await listEventSourceMappings(targetRef)).filter(isKafkaEventSourceMapping);
  } catch (error) {
    return { target: summary, mappings: [], error: (error as Error).message };
  }
  if (mappings.length === 0) return { target: summary, mappings: [], error: null };

  const [clusters, launches] = await Promise.all([listClusters({ teamIds: readableTeamIds(actor) }), findConsumerLaunches(actor, target.id, region)]);
  const matchable = clusters.map((c: StoredKafkaCluster) => ({ id: c.id, name: c.name, settings: effectiveClusterSettings(c) }));
  return { target: summary, mappings: mappings.map((m) => toKafkaEventSourceMappingDto(m, matchable, launches)), error: null };
}

async function findConsumerLaunches(actor: Actor, targetId: string, region: string): Promise<Map<string, { id: string; stackName: string }>> {
  const rows = await listLaunchRows({ teamIds: readableTeamIds(actor), blueprintSlug: MSK_CONSUMER_BLUEPRINT, targetId });
  const byUuid = new Map<string, { id: string; stackName: string }>();
  for (const row of rows) {
    if (row.region !== region) continue;
    const uuid = parseOutputs(row.outputs).find((o) => o.key === 'EventSourceMappingId')?.value;
    if (uuid) byUuid.set(uuid, { id: row.id, stackName: row.stackName });
  }
  return byUuid;
}
