import { z } from 'zod';

// Request schemas of the ABAC API. Sizes follow IAM's own limits where it has them (50 tags per
// principal or function, tag keys of 128 and values of 256 characters; "IAM and AWS STS quotas"),
// generously elsewhere; the evaluator checks what a schema cannot (operator names, action syntax).

const MAX_POLICIES = 20;
const MAX_STATEMENTS = 100;
const MAX_LIST = 100;
const MAX_TAGS = 50;

const strictParams = {
  error: (issue: z.core.$ZodRawIssue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : undefined),
};

const boundedRecord = <V extends z.ZodType>(key: z.ZodString, value: V, max: number, what: string) =>
  z.record(key, value).refine((r) => Object.keys(r).length <= max, `at most ${max} ${what}`);

const policyString = z.string().min(1, 'must not be empty').max(2048, 'must be at most 2048 characters');
const stringOrList = z.union([policyString, z.array(policyString).min(1, 'must name at least one value').max(MAX_LIST, `at most ${MAX_LIST} values`)]);
const conditionValue = z.union([z.string().max(2048, 'must be at most 2048 characters'), z.number().min(-1e15).max(1e15), z.boolean()]);
const conditionValues = z.union([conditionValue, z.array(conditionValue).max(MAX_LIST, `at most ${MAX_LIST} values`)]);

const statementSchema = z.strictObject(
  {
    Sid: z.string().max(128, 'Sid must be at most 128 characters').optional(),
    Effect: z.enum(['Allow', 'Deny'], { error: 'Effect must be "Allow" or "Deny"' }),
    Principal: z.union([z.literal('*'), boundedRecord(z.string().max(32), stringOrList, 4, 'principal types')]).optional(),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: stringOrList.optional(),
    NotResource: stringOrList.optional(),
    Condition: boundedRecord(
      z.string().max(128),
      boundedRecord(z.string().min(1).max(256), conditionValues, 50, 'condition keys per operator'),
      50,
      'condition operators',
    ).optional(),
  },
  strictParams,
);

/** An IAM policy document (identity policy, permissions boundary or resource policy). */
export const policyDocumentSchema = z
  .strictObject(
    {
      Version: z.string().max(32).optional(),
      Id: z.string().max(128).optional(),
      Statement: z.union([
        statementSchema,
        z.array(statementSchema).min(1, 'at least one statement').max(MAX_STATEMENTS, `at most ${MAX_STATEMENTS} statements`),
      ]),
    },
    strictParams,
  )
  .meta({ id: 'PolicyDocument' });
export type PolicyDocumentInput = z.infer<typeof policyDocumentSchema>;

const tagsSchema = boundedRecord(
  z.string().min(1, 'tag keys must not be empty').max(128, 'tag keys must be at most 128 characters'),
  z.string().max(256, 'tag values must be at most 256 characters'),
  MAX_TAGS,
  'tags',
);

const arnSchema = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .max(2048, `${field} must be at most 2048 characters`)
    .regex(/^arn:[a-z-]+:[a-z0-9-]*:[a-z0-9-]*:(\d{12})?:.+$/, `${field} must be an ARN (arn:partition:service:region:account:resource)`);

/** Body of POST /api/v1/abac/simulate: one call, the caller's policies and the tags IAM would see. */
export const abacSimulateSchema = z.strictObject(
  {
    policies: z.array(policyDocumentSchema).max(MAX_POLICIES, `at most ${MAX_POLICIES} policies`),
    permissionsBoundary: policyDocumentSchema.optional(),
    resourcePolicy: policyDocumentSchema.optional(),
    action: z
      .string({ error: 'action is required' })
      .regex(/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/, 'action must be service:Action without wildcards, e.g. lambda:InvokeFunction')
      .max(128, 'action must be at most 128 characters'),
    principalArn: arnSchema('principalArn').refine(
      (arn) => /^arn:[a-z-]+:iam::\d{12}:(user|role)\/.+$/.test(arn),
      'principalArn must be an IAM user or role ARN',
    ),
    resourceArn: z.union([z.literal('*'), arnSchema('resourceArn')]),
    principalTags: tagsSchema.default({}),
    resourceTags: tagsSchema.default({}),
    requestTags: tagsSchema.optional(),
  },
  strictParams,
);
export type AbacSimulateBody = z.infer<typeof abacSimulateSchema>;

/** Query of GET /api/v1/abac/matrix: a target (id or name) the caller may use, a region, one Lambda action. */
export const abacMatrixQuerySchema = z.strictObject(
  {
    target: z.string().trim().min(1, 'target is required').max(80),
    region: z
      .string()
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region name such as us-east-1')
      .optional(),
    action: z
      .string()
      .regex(/^lambda:[A-Za-z0-9]+$/, 'action must be a Lambda action without wildcards, e.g. lambda:InvokeFunction')
      .max(128)
      .default('lambda:InvokeFunction'),
  },
  strictParams,
);
export type AbacMatrixQuery = z.infer<typeof abacMatrixQuerySchema>;
