import type { S3Client } from '@aws-sdk/client-s3';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it, vi } from 'vitest';

import type { Artefact } from '@/server/blueprints/package';
import type { AwsTargetRef } from './clients';
import { uploadArtefacts } from './s3';

const artefact = (key: string): Artefact => ({ key, body: new Uint8Array([1, 2, 3]), sha256: 'abc', contentType: 'application/zip' });

function fakeS3(existing: Set<string>, headError?: Error) {
  const puts: PutObjectCommand[] = [];
  const send = vi.fn(async (command: unknown) => {
    if (command instanceof HeadObjectCommand) {
      if (headError) throw headError;
      if (existing.has(command.input.Key ?? '')) return {};
      throw Object.assign(new Error('Not Found'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });
    }
    if (command instanceof PutObjectCommand) puts.push(command);
    return {};
  });
  return { client: { send } as unknown as S3Client, puts };
}

const target = {
  id: 't',
  name: 'test',
  accountId: '123456789012',
  region: 'eu-west-1',
  roleArn: null,
  externalId: null,
  isSandbox: true,
} satisfies AwsTargetRef;

describe('uploadArtefacts', () => {
  it('uploads missing keys and skips keys that already exist', async () => {
    const { client, puts } = fakeS3(new Set(['a.zip']));
    const result = await uploadArtefacts(target, 'bucket', [artefact('a.zip'), artefact('b.zip')], client);
    expect(result).toEqual({ uploaded: ['b.zip'], skipped: ['a.zip'] });
    expect(puts.map((put) => put.input)).toEqual([{ Bucket: 'bucket', Key: 'b.zip', Body: new Uint8Array([1, 2, 3]), ContentType: 'application/zip' }]);
  });

  it('does not hide other errors, such as access denied', async () => {
    const { client } = fakeS3(new Set(), Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } }));
    await expect(uploadArtefacts(target, 'bucket', [artefact('a.zip')], client)).rejects.toThrow('Forbidden');
  });
});
