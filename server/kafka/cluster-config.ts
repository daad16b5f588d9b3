import 'server-only';

import { type KafkaConfig, logLevel } from 'kafkajs';

import { parseMskClusterArn, type KafkaConnectionSecrets, type KafkaConnectionSettings } from '@/lib/schemas/kafka';
import { getAwsCredentialsProvider } from '@/server/aws/clients';
import { mskControlPlane } from '@/server/aws/msk';
import { env } from '@/server/env';
import { AppError } from '@/server/errors';
import type { OutboundAddressPolicy } from '@/server/net/address-policy';
import { resolveTargetRefById } from '@/server/targets/queries';

import { buildKafkaConfig, type MskAccess } from './connection';
import { readClusterSecrets, type StoredKafkaCluster } from './queries';

/**
 * kafkajs configs for registered clusters. Who asks matters: a page must answer within seconds, so it
 * retries once; the sampler retries more and logs nothing itself (it records the failure instead).
 */
export type ClusterConfigPurpose = 'web' | 'sampler';

/** The settings to connect with: the sandbox cluster always follows `SANDBOX_KAFKA_BROKERS` (test ports differ). */
export function effectiveClusterSettings(cluster: Pick<StoredKafkaCluster, 'settings' | 'isSandbox'>): KafkaConnectionSettings {
  if (!cluster.isSandbox || cluster.settings.kind !== 'plaintext') return cluster.settings;
  return { kind: 'plaintext', brokers: sandboxBrokers() };
}

/**
 * Which addresses a cluster's connections may reach. Loopback and private ranges need
 * SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS, except for two clusters whose addresses no portal user
 * chooses: the sandbox cluster (always `SANDBOX_KAFKA_BROKERS`, set by whoever runs the portal) and
 * MSK (brokers from AWS's GetBootstrapBrokers, private VPC addresses by design). Metadata, link-local
 * and the other always-refused ranges stay refused for every cluster.
 */
export function clusterAddressPolicy(cluster: { isSandbox: boolean; settings: Pick<KafkaConnectionSettings, 'kind'> }): OutboundAddressPolicy {
  return {
    allowPrivateNetworks: env().SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS === true || cluster.isSandbox || cluster.settings.kind === 'msk-iam',
  };
}

/** `SANDBOX_KAFKA_BROKERS` as a list. */
export function sandboxBrokers(): string[] {
  return env()
    .SANDBOX_KAFKA_BROKERS.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** AWS access for an MSK cluster through its registered target, in the ARN's region. */
export async function resolveMskAccess(targetId: string | null, clusterArn: string): Promise<MskAccess> {
  if (!targetId) throw new AppError('VALIDATION', 'This MSK cluster has no AWS target to sign IAM tokens with.', { fields: { targetId: ['Required'] } });
  const target = await resolveTargetRefById(targetId, parseMskClusterArn(clusterArn).region);
  return { getMskClient: () => mskControlPlane(target), getAwsCredentials: () => getAwsCredentialsProvider(target) };
}

/** Builds the kafkajs config for settings and secrets (registered or about to be). */
export async function buildClusterKafkaConfig(
  settings: KafkaConnectionSettings,
  secrets: KafkaConnectionSecrets,
  targetId: string | null,
  purpose: ClusterConfigPurpose,
  addressPolicy: OutboundAddressPolicy,
): Promise<KafkaConfig> {
  const msk = settings.kind === 'msk-iam' ? await resolveMskAccess(targetId, settings.clusterArn) : undefined;
  const config = await buildKafkaConfig(settings, secrets, {
    clientId: purpose === 'sampler' ? 'slipway-lag-sampler' : 'slipway-portal',
    msk,
    addressPolicy,
    logLevel: purpose === 'sampler' ? logLevel.NOTHING : logLevel.WARN,
  });
  if (purpose === 'sampler') return config;
  return { ...config, connectionTimeout: 5_000, requestTimeout: 15_000, retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1_000 } };
}

/** `getClusterAdmin`'s config callback for a stored cluster. */
export function clusterConfigBuilder(cluster: StoredKafkaCluster, purpose: ClusterConfigPurpose): () => Promise<KafkaConfig> {
  return () =>
    buildClusterKafkaConfig(effectiveClusterSettings(cluster), readClusterSecrets(cluster), cluster.targetId, purpose, clusterAddressPolicy(cluster));
}

/** The secret strings of a cluster, for scrubbing them out of error messages. */
export function clusterSecretValues(cluster: StoredKafkaCluster): string[] {
  const secrets = readClusterSecrets(cluster);
  return [secrets.password, secrets.clientKeyPem].filter((s): s is string => Boolean(s));
}
