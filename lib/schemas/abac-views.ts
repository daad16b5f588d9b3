import { z } from 'zod';
import { policyDocumentSchema } from '@/lib/schemas/abac';

// Schemas of the ABAC pages' API (findings, tag mappings, the paged matrix, one cell's explanation,
// what-if). The target, region and refresh flag are shared; `refresh=1` reads IAM and Lambda again
// instead of reusing the inventory read in the last few minutes.

const strictParams = {
  error: (issue: z.core.$ZodRawIssue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : undefined),
};

const targetFields = {
  target: z.string().trim().min(1, 'target is required').max(80),
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region name such as us-east-1')
    .optional(),
  refresh: z.enum(['0', '1']).optional(),
};

const lambdaAction = z
  .string()
  .regex(/^lambda:[A-Za-z0-9]+$/, 'action must be a Lambda action without wildcards, e.g. lambda:InvokeFunction')
  .max(128);

/** Query of GET /api/v1/abac/findings and /api/v1/abac/mappings. */
export const abacInventoryQuerySchema = z.strictObject(targetFields, strictParams);
export type AbacInventoryQuery = z.infer<typeof abacInventoryQuerySchema>;

const MAX_PAGE = 200;
const offset = z.coerce.number().int().min(0).max(1_000_000).default(0);
const limit = z.coerce.number().int().min(1).max(MAX_PAGE, `at most ${MAX_PAGE}`).default(50);
const filter = z.string().trim().max(256).optional();

/** Query of GET /api/v1/abac/grid: one page of the matrix (rows are principals, columns functions), filtered. */
export const abacGridQuerySchema = z.strictObject(
  {
    ...targetFields,
    /** One Lambda action, or `all`: every function action, each cell counting the allowed ones. */
    action: z.union([z.literal('all'), lambdaAction]).default('lambda:InvokeFunction'),
    principal: filter,
    function: filter,
    /** `key` or `key=value`, matched on principals and functions alike. */
    tag: filter,
    rowOffset: offset,
    rowLimit: limit,
    colOffset: offset,
    colLimit: limit,
  },
  strictParams,
);
export type AbacGridQuery = z.infer<typeof abacGridQuerySchema>;

/** Query of GET /api/v1/abac/explain: one cell. */
export const abacExplainQuerySchema = z.strictObject(
  {
    ...targetFields,
    action: z.union([z.literal('all'), lambdaAction]).default('lambda:InvokeFunction'),
    principal: z.string().min(1, 'principal (ARN) is required').max(2048),
    function: z.string().min(1, 'function (ARN) is required').max(2048),
  },
  strictParams,
);
export type AbacExplainQuery = z.infer<typeof abacExplainQuerySchema>;

/** Body of POST /api/v1/abac/verify: one cell, checked against IAM's SimulatePrincipalPolicy. */
export const abacVerifySchema = z.strictObject(
  {
    target: targetFields.target,
    region: targetFields.region,
    action: z.union([z.literal('all'), lambdaAction]).default('lambda:InvokeFunction'),
    principal: z.string().min(1, 'principal (ARN) is required').max(2048),
    function: z.string().min(1, 'function (ARN) is required').max(2048),
  },
  strictParams,
);
export type AbacVerifyBody = z.infer<typeof abacVerifySchema>;

const tagsSchema = z
  .record(
    z.string().min(1, 'tag keys must not be empty').max(128, 'tag keys must be at most 128 characters'),
    z.string().max(256, 'tag values must be at most 256 characters'),
  )
  .refine((r) => Object.keys(r).length <= 50, 'at most 50 tags');

/** Body of POST /api/v1/abac/what-if: the inventory with overrides; nothing is applied to AWS. */
export const abacWhatIfSchema = z.strictObject(
  {
    target: targetFields.target,
    region: targetFields.region,
    action: lambdaAction.default('lambda:InvokeFunction'),
    principals: z
      .array(
        z.strictObject(
          {
            arn: z.string().min(1).max(2048),
            tags: tagsSchema.optional(),
            /** Replaces the principal's identity policies. */
            policies: z
              .array(z.strictObject({ name: z.string().min(1).max(128), document: policyDocumentSchema }, strictParams))
              .max(20)
              .optional(),
          },
          strictParams,
        ),
      )
      .max(20)
      .default([]),
    functions: z
      .array(z.strictObject({ arn: z.string().min(1).max(2048), tags: tagsSchema }, strictParams))
      .max(50)
      .default([]),
    /** Decide lambda:CreateFunction for every principal with these request tags. */
    createFunction: z
      .strictObject({ functionName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Lambda function name'), requestTags: tagsSchema }, strictParams)
      .optional(),
  },
  strictParams,
);
export type AbacWhatIfBody = z.infer<typeof abacWhatIfSchema>;
