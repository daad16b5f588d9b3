import { z } from 'zod';
import { awsRegionSchema } from '@/lib/schemas/targets';

// Inputs of the SNS message data protection API (`/api/v1/sns/...`), shared by route handlers and forms.

/** SNS's largest message: 256 KiB. */
export const MAX_SNS_MESSAGE_CHARS = 262_144;
/** A data protection policy document's largest size in SNS: 30 KiB. */
export const MAX_POLICY_CHARS = 30_720;

const PRINCIPAL = /^(?:\d{12}|arn:aws[a-z-]*:(?:iam|sts)::\d{12}:[A-Za-z0-9+=,.@_/:-]{1,512})$/;
const principalSchema = z.string().regex(PRINCIPAL, 'must be a 12-digit account id or an IAM principal ARN (arn:aws:iam::123456789012:role/Name)');

/** An SNS topic ARN. */
export const topicArnSchema = z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/, 'must be an SNS topic ARN');

/**
 * `POST /api/v1/sns/policy-test`. `policy` is the policy document as a JSON object, or its JSON text
 * (as `GetDataProtectionPolicy` returns it); its own rules are checked by the policy parser, which
 * names the field (`policy.Statement[1].DataDirection`).
 */
export const policyTestSchema = z.strictObject({
  policy: z.union([z.string().max(MAX_POLICY_CHARS, `must be at most ${MAX_POLICY_CHARS} characters`), z.record(z.string(), z.unknown())]),
  message: z.string().max(MAX_SNS_MESSAGE_CHARS, 'must be at most 256 KB (the SNS message limit)'),
  publisher: principalSchema,
  subscribers: z.array(principalSchema).max(50, 'at most 50 subscribers'),
});
export type PolicyTestInput = z.infer<typeof policyTestSchema>;

/** `GET /api/v1/sns/topics`: the current target (switcher) unless named; one page of topics with a policy. */
export const snsTopicsQuerySchema = z.strictObject({
  target: z.string().trim().min(1).max(80).optional(),
  region: awsRegionSchema.optional(),
  /** Only the topics a launch created (in that launch's target and region). */
  launch: z.string().trim().min(1).max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type SnsTopicsQuery = z.infer<typeof snsTopicsQuerySchema>;

const timeRange = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};
const orderedRange = (q: { from?: string; to?: string }) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to);

/** `GET /api/v1/sns/topics/{arn}/findings`: one page of audit records in a time range (default: the last 24 hours). */
export const findingsQuerySchema = z
  .strictObject({
    ...timeRange,
    nextToken: z.string().min(1).max(4096).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .refine(orderedRange, { message: 'from must not be later than to', path: ['to'] });
export type FindingsQuery = z.infer<typeof findingsQuerySchema>;

/** `GET /api/v1/sns/topics/{arn}/metrics`: MessageWithFindings and MessageWithNoFindings in a time range. */
export const findingMetricsQuerySchema = z
  .strictObject({
    ...timeRange,
    periodSeconds: z.coerce.number().int().min(60).max(86_400).optional(),
  })
  .refine(orderedRange, { message: 'from must not be later than to', path: ['to'] });
export type FindingMetricsQuery = z.infer<typeof findingMetricsQuerySchema>;
