import 'server-only';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
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

/** Writes one object. */
export async function putObject(target: AwsTargetRef, object: { bucket: string; key: string; body: string | Uint8Array; contentType?: string }): Promise<void> {
  await s3Client(target).send(new PutObjectCommand({ Bucket: object.bucket, Key: object.key, Body: object.body, ContentType: object.contentType }));
}

export interface UploadResult {
  uploaded: string[];
  /** Keys already in the bucket; keys are content hashes, so an existing key has the same bytes. */
  skipped: string[];
}

/** Uploads packaged artefacts to a bucket, skipping keys that already exist. `s3` is for tests. */
export async function uploadArtefacts(
  target: AwsTargetRef,
  bucket: string,
  artefacts: readonly { key: string; body: Uint8Array; contentType: string }[],
  s3: Pick<S3Client, 'send'> = s3Client(target),
): Promise<UploadResult> {
  const result: UploadResult = { uploaded: [], skipped: [] };
  for (const artefact of artefacts) {
    if (await objectExists(s3, bucket, artefact.key)) {
      result.skipped.push(artefact.key);
      continue;
    }
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: artefact.key, Body: artefact.body, ContentType: artefact.contentType }));
    result.uploaded.push(artefact.key);
  }
  return result;
}

async function objectExists(s3: Pick<S3Client, 'send'>, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if ((error as { name?: string }).name === 'NotFound' || status === 404) return false;
    throw error;
  }
}
