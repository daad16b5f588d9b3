import 'server-only';

import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import type { Artefact } from './package';

export interface UploadResult {
  uploaded: string[];
  /** Keys already in the bucket; keys are content hashes, so an existing key has the same bytes. */
  skipped: string[];
}

/** Uploads packaged artefacts to a bucket, skipping keys that already exist. */
export async function uploadArtefacts(s3: S3Client, bucket: string, artefacts: readonly Artefact[]): Promise<UploadResult> {
  const result: UploadResult = { uploaded: [], skipped: [] };
  for (const artefact of artefacts) {
    if (await objectExists(s3, bucket, artefact.key)) {
      result.skipped.push(artefact.key);
      continue;
    }
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: artefact.key, Body: artefact.body, ContentType: artefact.contentType }),
    );
    result.uploaded.push(artefact.key);
  }
  return result;
}

async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if ((error as { name?: string }).name === 'NotFound' || status === 404) return false;
    throw error;
  }
}
