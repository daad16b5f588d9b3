import { z } from 'zod';

/**
 * Kafka cluster connection settings and secrets.
 *
 * Settings are safe to show and log; secrets are validated separately so they can be
 * encrypted at rest and never travel back to the browser.
 */

/** `host:port`, with IPv6 hosts in brackets (`[::1]:9092`). */
export const kafkaBrokerAddressSchema = z
  .string()
  .trim()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'Use host:port, e.g. b-1.example.com:9096');

const brokersSchema = z.array(kafkaBrokerAddressSchema).min(1, 'Add at least one bootstrap broker').max(100);

const pemCertificateSchema = z
  .string()
  .trim()
  .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'Paste a PEM certificate');

/** arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid> (provisioned and serverless clusters alike). */
export const mskClusterArnSchema = z
  .string()
  .trim()
  .regex(/^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster\/[^/]+\/[^/]+$/, 'Use an MSK cluster ARN');

const usernameSchema = z.string().trim().min(1, 'Enter the SASL username').max(255);

export const mskIamConnectionSchema = z.object({
  kind: z.literal('msk-iam'),
  clusterArn: mskClusterArnSchema,
  /** `public` needs public access enabled on the cluster; the portal usually runs inside the VPC. */
  network: z.enum(['private', 'public']).default('private'),
});

export const plaintextConnectionSchema = z.object({
  kind: z.literal('plaintext'),
  brokers: brokersSchema,
});

export const tlsConnectionSchema = z.object({
  kind: z.literal('tls'),
  brokers: brokersSchema,
  /** Omit to trust the system CAs. */
  caCertPem: pemCertificateSchema.optional(),
  /** Client certificate for mutual TLS; its private key is a secret. */
  clientCertPem: pemCertificateSchema.optional(),
});

export const saslScramConnectionSchema = z.object({
  kind: z.literal('sasl-scram-sha-512'),
  brokers: brokersSchema,
  username: usernameSchema,
  tls: z.boolean().default(true),
  caCertPem: pemCertificateSchema.optional(),
});

export const saslPlainConnectionSchema = z.object({
  kind: z.literal('sasl-plain'),
  brokers: brokersSchema,
  username: usernameSchema,
  tls: z.boolean().default(true),
  caCertPem: pemCertificateSchema.optional(),
});

export const kafkaConnectionSettingsSchema = z.discriminatedUnion('kind', [
  mskIamConnectionSchema,
  plaintextConnectionSchema,
  tlsConnectionSchema,
  saslScramConnectionSchema,
  saslPlainConnectionSchema,
]);
export type KafkaConnectionSettings = z.infer<typeof kafkaConnectionSettingsSchema>;
export type KafkaConnectionKind = KafkaConnectionSettings['kind'];

/** Everything that must be stored encrypted. MSK IAM needs none: credentials come from the account. */
export const kafkaConnectionSecretsSchema = z.object({
  password: z.string().min(1).max(1024).optional(),
  clientKeyPem: z
    .string()
    .trim()
    .regex(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/, 'Paste a PEM private key')
    .optional(),
});
export type KafkaConnectionSecrets = z.infer<typeof kafkaConnectionSecretsSchema>;

/** A cluster as submitted by the "add cluster" form: settings plus the secrets they require. */
export const kafkaClusterInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter a name').max(100),
    settings: kafkaConnectionSettingsSchema,
    secrets: kafkaConnectionSecretsSchema.default({}),
  })
  .superRefine(({ settings, secrets }, ctx) => {
    const needsPassword = settings.kind === 'sasl-scram-sha-512' || settings.kind === 'sasl-plain';
    if (needsPassword && !secrets.password) {
      ctx.addIssue({ code: 'custom', path: ['secrets', 'password'], message: 'Enter the SASL password' });
    }
    if (settings.kind === 'tls' && Boolean(settings.clientCertPem) !== Boolean(secrets.clientKeyPem)) {
      ctx.addIssue({
        code: 'custom',
        path: ['secrets', 'clientKeyPem'],
        message: 'Mutual TLS needs both the client certificate and its private key',
      });
    }
  });
export type KafkaClusterInput = z.infer<typeof kafkaClusterInputSchema>;

/** Region and account of an MSK cluster, read from its ARN. */
export function parseMskClusterArn(clusterArn: string): { partition: string; region: string; accountId: string } {
  const [, partition, , region, accountId] = clusterArn.split(':');
  if (!partition || !region || !accountId) throw new Error(`Not an MSK cluster ARN: ${clusterArn}`);
  return { partition, region, accountId };
}

/** Offsets travel as decimal strings: they are 64-bit and JSON numbers are not. */
const offsetStringSchema = z.string().regex(/^\d+$/, 'Use a non-negative whole number');
const signedCountSchema = z.string().regex(/^-?\d+$/, 'Use a whole number, negative to go back');

export const offsetResetStrategySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('earliest') }),
  z.object({ kind: z.literal('latest') }),
  /** First offset whose record timestamp is at or after this instant (Kafka's --to-datetime). */
  z.object({ kind: z.literal('to-datetime'), at: z.iso.datetime({ offset: true }) }),
  z.object({ kind: z.literal('to-offset'), offset: offsetStringSchema }),
  z.object({ kind: z.literal('shift-by'), by: signedCountSchema }),
]);
export type OffsetResetStrategy = z.infer<typeof offsetResetStrategySchema>;

export const offsetResetRequestSchema = z.object({
  groupId: z.string().min(1).max(255),
  /** Partitions omitted = every partition of the topic. */
  topics: z.array(z.object({ topic: z.string().min(1).max(249), partitions: z.array(z.number().int().min(0)).min(1).optional() })).min(1),
  strategy: offsetResetStrategySchema,
  dryRun: z.boolean().default(true),
});
export type OffsetResetRequest = z.infer<typeof offsetResetRequestSchema>;
