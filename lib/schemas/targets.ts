import { z } from 'zod';
import { displayNameSchema } from '@/lib/schemas/names';

export const awsRegionSchema = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region name such as us-east-1');

export const targetInputSchema = z.strictObject({
  name: displayNameSchema('name', { min: 2, max: 40 }).regex(/^[a-z0-9][a-z0-9-]*$/, 'name must use lowercase letters, digits and dashes'),
  accountId: z.string().regex(/^\d{12}$/, 'accountId must be 12 digits'),
  regions: z.array(awsRegionSchema).min(1, 'regions needs at least one region').max(30),
  roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/, 'roleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)'),
  serviceRoleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/, 'serviceRoleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)')
    .optional(),
  externalId: z
    .string()
    .min(2, 'externalId must be at least 2 characters')
    .max(1224, 'externalId must be at most 1224 characters')
    .regex(/^[\w+=,.@:\/-]+$/, 'externalId may contain letters, digits and +=,.@:/-'),
  teamIds: z.array(z.string().min(1)).default([]),
});
export type TargetInput = z.infer<typeof targetInputSchema>;

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
