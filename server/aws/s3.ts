import 'server-only';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { createAwsClient, type AwsTargetRef } from '@/server/aws/clients';

export const s3Client = (target: AwsTargetRef) => createAwsClient(S3Client, target);

/**
 * Slipway's artefact bucket in a target account and region (created, private and encrypted, when
 * missing). Checked on every launch rather than remembered: buckets can disappear (a sandbox reset,
 * someone cleaning up), and one HeadBucket per launch costs nothing next to CloudFormation.
 */
export async function ensureArtefactBucket(target: AwsTargetRef): Promise<string> {
  const bucket = `slipway-artefacts-${target.accountId}-${target.region}`;
  const s3 = s3Client(target);
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404 && (err as { name?: string }).name !== 'NotFound') throw err;
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(target.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: target.region as BucketLocationConstraint } }),
      }),
    );
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      }),
    );
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      }),
    );
  }
  return bucket;
}
