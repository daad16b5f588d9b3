import 'server-only';

import { z } from 'zod';

import { BLUEPRINT_CATEGORIES, type BlueprintMetadataDto } from '@/lib/blueprints/types';
import {
  MAX_DURATION_MS,
  MAX_EPHEMERAL_STORAGE_MB,
  MAX_MEMORY_MB,
  MAX_SQS_BATCH_SIZE,
  MAX_SQS_MESSAGE_KB,
  MIN_EPHEMERAL_STORAGE_MB,
  MIN_MEMORY_MB,
} from '@/lib/cost/limits';

/** Services a blueprint may list; one spelling each, so the catalog's service filter finds them all. */
export const AWS_SERVICES = [
  'Amazon API Gateway',
  'Amazon CloudFront',
  'Amazon CloudWatch',
  'Amazon CodeWhisperer',
  'Amazon Comprehend',
  'Amazon DynamoDB',
  'Amazon EC2',
  'Amazon ECR',
  'Amazon ECS',
  'Amazon EKS',
  'Amazon EventBridge',
  'Amazon Kinesis Data Firehose',
  'Amazon MSK',
  'Amazon Pinpoint',
  'Amazon Rekognition',
  'Amazon S3',
  'Amazon SNS',
  'Amazon SQS',
  'Amazon VPC',
  'AWS CloudFormation',
  'AWS Controllers for Kubernetes',
  'AWS Fargate',
  'AWS IAM',
  'AWS KMS',
  'AWS Lambda',
  'AWS Secrets Manager',
  'AWS Step Functions',
  'AWS Systems Manager',
  'AWS X-Ray',
  'Elastic Load Balancing',
] as const;

// semver.org's grammar: no leading zeros, optional pre-release and build metadata.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Logical ids and parameter names: alphanumeric, as CloudFormation requires.
const CFN_NAME = /^[A-Za-z0-9]+$/;

const semverSchema = z.string().regex(SEMVER, 'must be a semantic version like 1.2.3');
const cfnName = z.string().regex(CFN_NAME, 'must be a CloudFormation logical name (letters and digits)');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-05-31')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a real date');

/** Compares two semantic versions by precedence (build metadata ignored); negative when a < b. */
export function compareSemver(a: string, b: string): number {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) throw new Error(`not a semantic version: ${pa ? b : a}`);
  for (let i = 1; i <= 3; i += 1) {
    const diff = Number(pa[i]) - Number(pb[i]);
    if (diff !== 0) return Math.sign(diff);
  }
  const preA = pa[4];
  const preB = pb[4];
  // A release outranks any of its pre-releases.
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  const idsA = preA.split('.');
  const idsB = preB.split('.');
  for (let i = 0; i < Math.max(idsA.length, idsB.length); i += 1) {
    const x = idsA[i];
    const y = idsB[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const numeric = /^\d+$/;
    if (numeric.test(x) && numeric.test(y)) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return Math.sign(diff);
    } else if (numeric.test(x) !== numeric.test(y)) {
      return numeric.test(x) ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

const ruleOperand = z.union([cfnName, z.number(), z.strictObject({ product: z.array(z.union([cfnName, z.number()])).min(2) })]);
const ruleComparison = z.strictObject({ left: ruleOperand, op: z.enum(['<', '<=', '>', '>=', '==', '!=']), right: ruleOperand });
// Cross-parameter rules (lib/launches/parameter-rules.ts); the message names the parameters and the rule.
const parameterRuleSchema = z.strictObject({ when: ruleComparison.optional(), require: ruleComparison, message: z.string().min(10) });

const changelogEntrySchema = z.strictObject({
  version: semverSchema,
  date: isoDate,
  changes: z.array(z.string().min(1)).min(1),
});

const dashboardSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('stepfunctions'),
    stateMachineArnOutput: cfnName,
    title: z.string().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal('sns-audit'),
    topicArnOutput: cfnName,
    auditLogGroupOutput: cfnName.optional(),
  }),
  z.strictObject({
    kind: z.literal('kafka'),
    clusterArnParameter: cfnName,
    topicParameter: cfnName.optional(),
    consumerGroupIdParameter: cfnName.optional(),
  }),
  z.strictObject({
    kind: z.literal('abac'),
    roleArnOutputs: z.array(cfnName).min(1),
    functionArnOutputs: z.array(cfnName),
    tagKeys: z.array(z.string().min(1)).min(1),
  }),
  z.strictObject({
    kind: z.literal('cost'),
    functionNameOutputs: z.array(cfnName).optional(),
  }),
]);

const architecture = z.enum(['x86_64', 'arm64']);
const memoryMb = z.number().int().min(MIN_MEMORY_MB).max(MAX_MEMORY_MB);
const positiveInt = z.number().int().positive();
const parameterMap = (inputs: readonly [string, ...string[]]) =>
  z.partialRecord(z.enum(inputs), cfnName).default({});

const costProfileSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('lambda'),
    memoryMb,
    durationMs: z.number().positive().max(MAX_DURATION_MS),
    invocationsPerMonth: z.number().int().nonnegative(),
    architecture,
    ephemeralStorageMb: z.number().int().min(MIN_EPHEMERAL_STORAGE_MB).max(MAX_EPHEMERAL_STORAGE_MB).optional(),
    parameterMap: parameterMap(['memoryMb', 'durationMs', 'architecture', 'ephemeralStorageMb']),
  }),
  z.strictObject({
    kind: z.literal('sqs-batch'),
    messagesPerDay: z.number().int().positive(),
    batchSize: z.number().int().min(1).max(MAX_SQS_BATCH_SIZE),
    baseMemoryMb: memoryMb,
    batchMemoryOverheadMb: z.number().int().nonnegative(),
    batchIncrement: positiveInt,
    warmLatencyMs: z.number().nonnegative(),
    perMessageMs: z.number().nonnegative(),
    messageSizeKb: z.number().positive().max(MAX_SQS_MESSAGE_KB),
    architecture,
    parameterMap: parameterMap(['batchSize', 'baseMemoryMb', 'architecture', 'batchingWindowSeconds', 'perMessageMs']),
  }),
  z.strictObject({
    kind: z.literal('stepfunctions'),
    workflowType: z.enum(['STANDARD', 'EXPRESS']),
    executionsPerMonth: z.number().int().nonnegative(),
    transitionsPerExecution: positiveInt,
    durationMs: z.number().positive().optional(),
    memoryMb: z.number().int().positive().optional(),
    parameterMap: parameterMap(['workflowType']),
  }),
  z.strictObject({
    kind: z.literal('sqs'),
    messagesPerDay: z.number().int().positive(),
    messageSizeKb: z.number().positive().max(MAX_SQS_MESSAGE_KB),
    requestsPerMessage: positiveInt,
    parameterMap: parameterMap(['messageSizeKb']),
  }),
  z.strictObject({ kind: z.literal('none'), note: z.string().min(1) }),
]);

const sandboxSchema = z.discriminatedUnion('deployable', [
  z.strictObject({ deployable: z.literal(true) }),
  z.strictObject({ deployable: z.literal(false), reason: z.string().min(10) }),
]);

/** The zod schema for `blueprints/<slug>/blueprint.yaml`. */
export const blueprintMetadataSchema = z
  .strictObject({
    slug: z.string().regex(KEBAB, 'must be kebab-case'),
    version: semverSchema,
    changelog: z.array(changelogEntrySchema).min(1),
    title: z.string().min(5).max(120),
    summary: z.string().min(20).max(400),
    source: z.strictObject({
      title: z.string().min(1),
      authors: z.array(z.string().min(1)).min(1),
      url: z.url().optional(),
    }),
    services: z.array(z.enum(AWS_SERVICES)).min(1),
    category: z.enum(BLUEPRINT_CATEGORIES),
    level: z.union([z.literal(100), z.literal(200), z.literal(300), z.literal(400)]),
    tags: z.array(z.string().regex(KEBAB, 'tags are kebab-case')).min(1),
    parameters: z
      .strictObject({
        groups: z.array(z.strictObject({ label: z.string().min(1), parameters: z.array(cfnName).min(1) })).optional(),
        fields: z
          .record(cfnName, z.strictObject({ label: z.string().min(1).optional(), help: z.string().min(1).optional() }))
          .default({}),
        rules: z.array(parameterRuleSchema).optional(),
      })
      .default({ fields: {} }),
    outputs: z.record(cfnName, z.strictObject({ meaning: z.string().min(10) })).default({}),
    dashboards: z.array(dashboardSchema).default([]),
    cost: costProfileSchema,
    sandbox: sandboxSchema,
    sandboxParameters: z.record(cfnName, z.string()).optional(),
  })
  .superRefine((metadata, ctx) => {
    const [latest] = metadata.changelog;
    if (latest && latest.version !== metadata.version) {
      ctx.addIssue({
        code: 'custom',
        path: ['changelog', 0, 'version'],
        message: `the newest changelog entry (${latest.version}) must match version ${metadata.version}`,
      });
    }
    metadata.changelog.forEach((entry, index) => {
      const newer = metadata.changelog[index - 1];
      if (!newer) return;
      if (SEMVER.test(entry.version) && SEMVER.test(newer.version) && compareSemver(newer.version, entry.version) <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['changelog', index, 'version'],
          message: `versions must descend: ${entry.version} comes after ${newer.version}`,
        });
      }
      if (entry.date > newer.date) {
        ctx.addIssue({
          code: 'custom',
          path: ['changelog', index, 'date'],
          message: `dates must not increase down the changelog: ${entry.date} is after ${newer.date}`,
        });
      }
    });
    if (!metadata.sandbox.deployable && metadata.sandboxParameters) {
      ctx.addIssue({
        code: 'custom',
        path: ['sandboxParameters'],
        message: 'only sandbox-deployable blueprints take sandbox parameters',
      });
    }
  });

export type BlueprintMetadata = z.infer<typeof blueprintMetadataSchema>;

// Compile-time guard: the zod output must stay assignable to the isomorphic DTO the pages use.
type AssertAssignable<T extends U, U> = T;
export type MetadataMatchesDto = AssertAssignable<BlueprintMetadata, BlueprintMetadataDto>;
