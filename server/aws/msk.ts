import 'server-only';
import {
  DescribeClusterV2Command,
  type DescribeClusterV2CommandOutput,
  GetBootstrapBrokersCommand,
  type GetBootstrapBrokersCommandOutput,
  KafkaClient,
} from '@aws-sdk/client-kafka';
import { createAwsClient, type AwsTargetRef } from '@/server/aws/clients';
import { AppError } from '@/server/errors';

/** The slice of `@aws-sdk/client-kafka`'s KafkaClient the portal uses (the real client satisfies it; tests fake it). */
export interface MskControlPlane {
  send(command: GetBootstrapBrokersCommand): Promise<GetBootstrapBrokersCommandOutput>;
  send(command: DescribeClusterV2Command): Promise<DescribeClusterV2CommandOutput>;
}

/** The MSK control plane of a target, in its region. */
export function mskControlPlane(target: AwsTargetRef): MskControlPlane {
  return createAwsClient(KafkaClient, target);
}

/** The IAM bootstrap brokers of an MSK cluster (provisioned or serverless) from GetBootstrapBrokers. */
export async function lookupMskBootstrapBrokers(client: MskControlPlane, clusterArn: string, network: 'private' | 'public' = 'private'): Promise<string[]> {
  let output: GetBootstrapBrokersCommandOutput;
  try {
    output = await client.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn }));
  } catch (error) {
    throw new AppError('UPSTREAM', `Could not look up the bootstrap brokers of ${clusterArn}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const list = network === 'public' ? output.BootstrapBrokerStringPublicSaslIam : output.BootstrapBrokerStringSaslIam;
  const brokers = (list ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    throw new AppError(
      'VALIDATION',
      network === 'public'
        ? 'The cluster has no public IAM listener: turn on public access with IAM authentication, or use the private network'
        : 'The cluster has no IAM listener: turn on IAM access control for it',
    );
  }
  return brokers;
}

/** The Kafka version AWS runs for a provisioned MSK cluster (DescribeClusterV2); null when unknown or not allowed. */
export async function readMskKafkaVersion(client: MskControlPlane, clusterArn: string): Promise<string | null> {
  return client
    .send(new DescribeClusterV2Command({ ClusterArn: clusterArn }))
    .then((out) => out.ClusterInfo?.Provisioned?.CurrentBrokerSoftwareInfo?.KafkaVersion ?? null)
    .catch(() => null);
}
