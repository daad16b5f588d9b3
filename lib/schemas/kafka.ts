import { z } from 'zod';
import { displayNameSchema } from '@/lib/schemas/names';

/**
 * Kafka cluster connection settings and secrets.
 *
 * Settings are safe to show and log; secrets are validated separately so they can be
 * encrypted at rest and never travel back to the browser. Objects are strict: an unknown field
 * (a typo, or a key like `constructor`) is a 422 that names it, not silently dropped.
 */

/** `host:port`, with IPv6 hosts in brackets (`[::1]:9092`). */
const kafkaBrokerAddressSchema = z
  .string()
  .trim()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'Use host:port, e.g. b-1.example.com:9096');

const brokersSchema = z.array(kafkaBrokerAddressSchema).min(1, 'Add at least one bootstrap broker').max(100);

const pemCertificateSchema = z
  .string()
  .trim()
  .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'Paste a PEM certificate');

/** arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid> (provisioned and serverless clusters alike). */
const mskClusterArnSchema = z
  .string()
  .trim()
  .regex(/^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster\/[^/]+\/[^/]+$/, 'Use an MSK cluster ARN');

const usernameSchema = z.string().trim().min(1, 'Enter the SASL username').max(255);

const mskIamConnectionSchema = z.strictObject({
  kind: z.literal('msk-iam'),
  clusterArn: mskClusterArnSchema,
  /** `public` needs public access enabled on the cluster; the portal usually runs inside the VPC. */
  network: z.enum(['private', 'public']).default('private'),
});

const plaintextConnectionSchema = z.strictObject({
  kind: z.literal('plaintext'),
  brokers: brokersSchema,
});

const tlsConnectionSchema = z.strictObject({
  kind: z.literal('tls'),
  brokers: brokersSchema,
  /** Omit to trust the system CAs. */
  caCertPem: pemCertificateSchema.optional(),
  /** Client certificate for mutual TLS; its private key is a secret. */
  clientCertPem: pemCertificateSchema.optional(),
});

const saslScramConnectionSchema = z.strictObject({
  kind: z.literal('sasl-scram-sha-512'),
  brokers: brokersSchema,
  username: usernameSchema,
  tls: z.boolean().default(true),
  caCertPem: pemCertificateSchema.optional(),
});

const saslPlainConnectionSchema = z.strictObject({
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
export const kafkaConnectionSecretsSchema = z.strictObject({
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
    name: displayNameSchema('name', { max: 100, required: 'Enter a name' }),
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

/** Region and account of an MSK cluster, read from its ARN. */
export function parseMskClusterArn(clusterArn: string): { partition: string; region: string; accountId: string } {
  const [, partition, , region, accountId] = clusterArn.split(':');
  if (!partition || !region || !accountId) throw new Error(`Not an MSK cluster ARN: ${clusterArn}`);
  return { partition, region, accountId };
}

/** Kafka offsets are signed 64-bit integers (Java's Long.MAX_VALUE). */
const MAX_KAFKA_OFFSET = 2n ** 63n - 1n;

/** Offsets travel as decimal strings: they are 64-bit and JSON numbers are not. */
// zod runs refinements even after the pattern failed, so each one checks the pattern itself, and the
// length before BigInt() (no 64-bit number has more than 19 digits).
const withinInt64 = (text: string) => {
  const digits = text.replace(/^-/, '').replace(/^0+(?=\d)/, '');
  return digits.length <= 19 && BigInt(digits) <= MAX_KAFKA_OFFSET;
};
const offsetStringSchema = z
  .string()
  .regex(/^\d+$/, 'Use a non-negative whole number')
  .refine((text) => !/^\d+$/.test(text) || withinInt64(text), `Kafka offsets are at most ${MAX_KAFKA_OFFSET}`);
const signedCountSchema = z
  .string()
  .regex(/^-?\d+$/, 'Use a whole number, negative to go back')
  .refine((text) => !/^-?\d+$/.test(text) || withinInt64(text), `Shift by at most ${MAX_KAFKA_OFFSET} either way`);

/**
 * A consumer group id as Kafka accepts it: the group coordinator only requires it to be non-empty
 * (GroupCoordinatorService.isGroupIdNotEmpty; Kafka has no character rules for group ids, unlike
 * topics), and the protocol sends it as a STRING, whose length is an INT16: at most 32,767 bytes of
 * UTF-8.
 */
export const MAX_KAFKA_GROUP_ID_BYTES = 32_767;
export const kafkaGroupIdSchema = z
  .string({ error: 'groupId must be a string' })
  .min(1, 'A consumer group id must not be empty')
  .refine((id) => new TextEncoder().encode(id).length <= MAX_KAFKA_GROUP_ID_BYTES, `A consumer group id is at most ${MAX_KAFKA_GROUP_ID_BYTES} bytes of UTF-8`);

/**
 * A topic name as Kafka accepts it (org.apache.kafka.common.internals.Topic.validate): 1-249 of
 * ASCII letters, digits, '.', '_' and '-', and neither "." nor "..".
 */
const kafkaTopicNameSchema = z
  .string({ error: 'topic must be a string' })
  .min(1, 'A topic name must not be empty')
  .max(249, 'A topic name is at most 249 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, "A topic name uses only ASCII letters, digits, '.', '_' and '-'")
  .refine((name) => name !== '.' && name !== '..', 'A topic name cannot be "." or ".."');

/** Partition ids are Java ints in Kafka. */
const MAX_KAFKA_PARTITION = 2_147_483_647;

const offsetResetStrategySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('earliest') }),
  z.strictObject({ kind: z.literal('latest') }),
  /** First offset whose record timestamp is at or after this instant (Kafka's --to-datetime). */
  z.strictObject({ kind: z.literal('to-datetime'), at: z.iso.datetime({ offset: true }) }),
  z.strictObject({ kind: z.literal('to-offset'), offset: offsetStringSchema }),
  z.strictObject({ kind: z.literal('shift-by'), by: signedCountSchema }),
]);
export type OffsetResetStrategy = z.infer<typeof offsetResetStrategySchema>;

const offsetResetRequestSchema = z.object({
  groupId: kafkaGroupIdSchema,
  /** Partitions omitted = every partition of the topic. */
  topics: z
    .array(
      z.strictObject({
        topic: kafkaTopicNameSchema,
        partitions: z
          .array(z.number().int().min(0).max(MAX_KAFKA_PARTITION, `Partition ids are at most ${MAX_KAFKA_PARTITION}`))
          .min(1)
          .max(10_000, 'Name at most 10,000 partitions per topic')
          .optional(),
      }),
    )
    .min(1)
    .max(1_000, 'Reset at most 1,000 topics at once'),
  strategy: offsetResetStrategySchema,
  dryRun: z.boolean().default(true),
});
export type OffsetResetRequest = z.infer<typeof offsetResetRequestSchema>;

// --- Request bodies and query strings of `/api/v1/kafka/...` beyond the connection schemas above ---

/** Registering a cluster: connection settings and secrets, plus who owns it and (MSK) whose AWS credentials sign. */
export const kafkaClusterRegistrationSchema = kafkaClusterInputSchema
  .safeExtend({
    /** The owning team; null = every team (platform admins only). */
    teamId: z.string().min(1).max(100).nullable(),
    /** MSK IAM: the AWS target whose credentials sign the IAM tokens. */
    targetId: z.string().min(1).max(100).optional(),
    /** MSK IAM: must be the ARN's region (the form shows it so nobody is surprised). */
    region: z.string().min(1).max(30).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.settings.kind !== 'msk-iam') return;
    if (!input.targetId) ctx.addIssue({ code: 'custom', path: ['targetId'], message: 'Choose the AWS target whose credentials sign the IAM tokens' });
    // Refinements also run when the ARN itself failed its pattern (zod 4); only a valid ARN has a region.
    if (!mskClusterArnSchema.safeParse(input.settings.clusterArn).success) return;
    const arnRegion = parseMskClusterArn(input.settings.clusterArn).region;
    if (input.region && input.region !== arnRegion) {
      ctx.addIssue({ code: 'custom', path: ['region'], message: `The cluster ARN is in ${arnRegion}` });
    }
  })
  .strict();
export type KafkaClusterRegistration = z.infer<typeof kafkaClusterRegistrationSchema>;

const MAX_HISTORY_RANGE_MS = 90 * 24 * 60 * 60_000;

/** `?from&to` of the history endpoint: ISO instants, default the last hour, at most 90 days. */
export const groupHistoryQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine(({ from, to }, ctx) => {
    if (!from || !to) return;
    const span = Date.parse(to) - Date.parse(from);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
    if (span > MAX_HISTORY_RANGE_MS) ctx.addIssue({ code: 'custom', path: ['from'], message: 'The range may span at most 90 days' });
  });
export type GroupHistoryQuery = z.infer<typeof groupHistoryQuerySchema>;

/** Columns the consumer group list sorts by (done on the server, before paging). */
export const CONSUMER_GROUP_SORT_KEYS = ['groupId', 'owner', 'state', 'members', 'topics', 'totalLag', 'maxPartitionLag', 'timeLag', 'status'] as const;
export type ConsumerGroupSortKey = (typeof CONSUMER_GROUP_SORT_KEYS)[number];

/** Without `order`: numbers and status (worst first) sort descending, names ascending. */
export const defaultGroupSortOrder = (sort: ConsumerGroupSortKey): 'asc' | 'desc' =>
  ['members', 'totalLag', 'maxPartitionLag', 'timeLag', 'status'].includes(sort) ? 'desc' : 'asc';

export const GROUP_PAGE_SIZES = [25, 50, 100, 200] as const;

/** `?page&pageSize&sort&order&q` of the consumer group list; `q` matches a group id or a topic name, ignoring case. */
export const consumerGroupListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(CONSUMER_GROUP_SORT_KEYS).default('totalLag'),
  order: z.enum(['asc', 'desc']).optional(),
  q: z.string().trim().max(255).optional(),
});
export type ConsumerGroupListQuery = z.infer<typeof consumerGroupListQuerySchema>;

/** The reset endpoint's body: the offset reset request without the group id, which is in the path. */
export const offsetResetBodySchema = offsetResetRequestSchema.omit({ groupId: true }).strict();
export type OffsetResetBody = z.infer<typeof offsetResetBodySchema>;

/** Chart ranges the group page offers. */
export const HISTORY_RANGES = [
  { key: '1h', label: '1 h', ms: 60 * 60_000 },
  { key: '6h', label: '6 h', ms: 6 * 60 * 60_000 },
  { key: '24h', label: '24 h', ms: 24 * 60 * 60_000 },
  { key: '7d', label: '7 d', ms: 7 * 24 * 60 * 60_000 },
  { key: '30d', label: '30 d', ms: 30 * 24 * 60 * 60_000 },
] as const;
export type HistoryRangeKey = (typeof HISTORY_RANGES)[number]['key'];

/** `?target&region` of the event source mappings endpoint (target: id or name; region: the target's first when omitted). */
export const eventSourceMappingsQuerySchema = z
  .object({
    target: z.string().min(1).max(100),
    region: z
      .string()
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region name such as us-east-1')
      .optional(),
  })
  .strict();
