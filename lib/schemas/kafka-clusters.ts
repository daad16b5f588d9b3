import { z } from 'zod';

import { kafkaClusterInputSchema, mskClusterArnSchema, offsetResetRequestSchema, parseMskClusterArn } from './kafka';

/**
 * Request bodies and query strings of `/api/v1/kafka/...` beyond the connection schemas in ./kafka.ts.
 */

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
