import { z } from 'zod';

// Ownership rules an admin edits in Settings: assignments of resources no launch created (by ARN
// pattern or tag) and consumer-group-id prefixes per team and Kafka cluster.

const teamRefSchema = z.string().trim().min(1, 'team is required').max(100, 'team must be at most 100 characters');

/** `arn:…` with `*` as the only wildcard; what IAM allows in an ARN, without spaces or control characters. */
const arnPatternSchema = z
  .string()
  .trim()
  .min(5, 'pattern must be an ARN pattern such as arn:aws:states:us-east-1:123456789012:stateMachine:orders-*')
  .max(2048, 'pattern must be at most 2048 characters')
  .regex(/^arn:[\x21-\x7e]*$/, 'pattern must start with arn: and use printable characters without spaces (* matches anything)');

// AWS tag rules: keys 1–128 and values 0–256 characters of letters, digits, spaces and _ . : / = + - @.
const TAG_CHARS = /^[\p{L}\p{N} _.:/=+\-@]*$/u;

export const resourceAssignmentInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ team: teamRefSchema, kind: z.literal('arn-pattern'), pattern: arnPatternSchema }),
    z.strictObject({
      team: teamRefSchema,
      kind: z.literal('tag'),
      key: z
        .string()
        .min(1, 'key is required')
        .max(128, 'key must be at most 128 characters')
        .regex(TAG_CHARS, 'key may use letters, digits, spaces and _ . : / = + - @')
        .refine((k) => !k.toLowerCase().startsWith('aws:'), 'key must not start with aws: (reserved by AWS)'),
      value: z.string().max(256, 'value must be at most 256 characters').regex(TAG_CHARS, 'value may use letters, digits, spaces and _ . : / = + - @'),
    }),
  ],
  { error: 'kind must be arn-pattern or tag' },
);
export type ResourceAssignmentInput = z.infer<typeof resourceAssignmentInputSchema>;

/** A consumer group id prefix: Kafka group ids are free text, so printable characters only, no spaces. */
export const groupPrefixInputSchema = z.strictObject({
  team: teamRefSchema,
  prefix: z
    .string()
    .min(1, 'prefix is required')
    .max(249, 'prefix must be at most 249 characters')
    .regex(/^[\x21-\x7e]+$/, 'prefix must use printable ASCII characters without spaces'),
});
export type GroupPrefixInput = z.infer<typeof groupPrefixInputSchema>;
