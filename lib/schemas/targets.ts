import { z } from 'zod';
import { displayNameSchema } from '@/lib/schemas/names';

export const awsRegionSchema = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region name such as us-east-1');

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
const roleArnSchema = (field: string) => z.string().regex(ROLE_ARN, `${field} must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
const externalIdSchema = z
  .string()
  .min(2, 'externalId must be at least 2 characters')
  .max(1224, 'externalId must be at most 1224 characters')
  .regex(/^[\w+=,.@:\/-]+$/, 'externalId may contain letters, digits and +=,.@:/-');
const regionsSchema = z
  .array(awsRegionSchema)
  .min(1, 'regions needs at least one region')
  .max(30)
  .refine((regions) => new Set(regions).size === regions.length, 'regions must not name a region twice');
const teamIdsSchema = z.array(z.string().min(1).max(64)).max(200);

export const targetInputSchema = z.strictObject({
  name: displayNameSchema('name', { min: 2, max: 40 }).regex(/^[a-z0-9][a-z0-9-]*$/, 'name must use lowercase letters, digits and dashes'),
  accountId: z.string().regex(/^\d{12}$/, 'accountId must be 12 digits'),
  regions: regionsSchema,
  roleArn: roleArnSchema('roleArn'),
  serviceRoleArn: roleArnSchema('serviceRoleArn').optional(),
  externalId: externalIdSchema,
  teamIds: teamIdsSchema.default([]),
});
export type TargetInput = z.infer<typeof targetInputSchema>;

/**
 * An edit of a target: only the fields sent change. The external id is write-only: absent or ""
 * keeps the stored one, a new value replaces it, null removes it. `roleArn: null` is for the sandbox
 * target only (it runs without a role); `serviceRoleArn: null` removes the service role.
 */
export const targetUpdateSchema = z.strictObject({
  roleArn: roleArnSchema('roleArn').nullable().optional(),
  serviceRoleArn: roleArnSchema('serviceRoleArn').nullable().optional(),
  externalId: z
    .union([z.literal(''), externalIdSchema])
    .nullable()
    .optional(),
  regions: regionsSchema.optional(),
  teamIds: teamIdsSchema.optional(),
});
export type TargetUpdate = z.infer<typeof targetUpdateSchema>;

/** What the browser sees of a target: never the external id. */
export type TargetDto = {
  id: string;
  name: string;
  accountId: string;
  regions: string[];
  roleArn: string | null;
  serviceRoleArn: string | null;
  hasExternalId: boolean;
  isSandbox: boolean;
  teamIds: string[];
  /** When a call with the target's credentials last succeeded (ISO), null when never. */
  lastAnsweredAt: string | null;
  /** When "test the connection" last ran, and AWS's message when it failed (null after a success). */
  lastCheckedAt: string | null;
  lastError: string | null;
};

/** The answer of "test the connection". */
export type TargetConnectionTestDto = {
  ok: boolean;
  /** Each step with its outcome: AssumeRole (skipped for a sandbox target without a role), then GetCallerIdentity. */
  steps: { name: 'AssumeRole' | 'GetCallerIdentity'; status: 'ok' | 'failed' | 'skipped'; message?: string }[];
  /** The identity the target's credentials answered as. */
  identity: { accountId: string | null; arn: string | null } | null;
  /** AWS's message when a step failed (never a secret). */
  error: string | null;
  target: TargetDto;
};

/** Resource types the launch form can offer a picker for. */
export const PICKABLE_TYPES = [
  'AWS::EC2::VPC::Id',
  'AWS::EC2::Subnet::Id',
  'AWS::EC2::SecurityGroup::Id',
  'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::AvailabilityZone::Name',
  'AWS::EC2::Instance::Id',
  'AWS::SSM::Parameter::Name',
] as const;
export type PickableType = (typeof PICKABLE_TYPES)[number];

export const pickerQuerySchema = z.strictObject({
  region: awsRegionSchema,
  type: z.enum(PICKABLE_TYPES, { error: `type must be one of ${PICKABLE_TYPES.join(', ')}` }),
  vpcId: z
    .string()
    .regex(/^vpc-[0-9a-f]+$/, 'vpcId must be a VPC id')
    .optional(),
});
