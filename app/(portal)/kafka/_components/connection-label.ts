import type { KafkaConnectionSummaryDto } from '@/lib/kafka/dto';

const KIND_LABELS: Record<KafkaConnectionSummaryDto['kind'], string> = {
  'msk-iam': 'MSK · IAM',
  plaintext: 'PLAINTEXT',
  tls: 'TLS',
  'sasl-scram-sha-512': 'SASL/SCRAM-SHA-512',
  'sasl-plain': 'SASL/PLAIN',
};

/** "SASL/SCRAM-SHA-512 over TLS", "MSK · IAM", "PLAINTEXT". */
export function connectionLabel(connection: KafkaConnectionSummaryDto): string {
  const base = KIND_LABELS[connection.kind];
  return connection.kind.startsWith('sasl-') ? `${base} ${connection.tls ? 'over TLS' : 'without TLS'}` : base;
}

/** Where the cluster is: its ARN, or its bootstrap brokers. */
export function connectionTarget(connection: KafkaConnectionSummaryDto): string {
  return connection.clusterArn ?? connection.brokers.join(', ');
}
