import { describe, expect, it } from 'vitest';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { sandboxTargetRef } from '@/server/aws/test-support/sandbox-target';
import { s3Client } from '@/server/aws/s3';
import { templateSource } from '@/server/launches/artefacts';

// Against the sandbox account (SANDBOX_AWS_ENDPOINT).
const sandbox = sandboxTargetRef('artefacts-int-sandbox');

const templateOf = (bytes: number) => JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } }, Description: 'x'.repeat(bytes) });

describe('templateSource', () => {
  it('hands a template that fits to CloudFormation inline', async () => {
    const body = templateOf(1_000);
    expect(await templateSource(sandbox, body, { slug: 'small', version: '1.0.0' })).toEqual({ templateBody: body });
  });

  it('puts a template over 51,200 bytes in the artefact bucket and hands over its URL', async () => {
    const body = templateOf(60_000);
    const source = await templateSource(sandbox, body, { slug: 'large', version: '1.2.0' });
    expect(source).toEqual({
      templateUrl: expect.stringMatching(
        /^https:\/\/s3\.us-east-1\.amazonaws\.com\/slipway-artefacts-\d{12}-us-east-1\/blueprints\/large\/1\.2\.0\/[0-9a-f]{64}\.template\.json$/,
      ),
    });
    const url = new URL((source as { templateUrl: string }).templateUrl);
    const [bucket, ...key] = url.pathname.slice(1).split('/');
    const stored = await s3Client(sandbox).send(new GetObjectCommand({ Bucket: bucket, Key: key.join('/') }));
    expect(await stored.Body!.transformToString()).toBe(body);
  });
});
