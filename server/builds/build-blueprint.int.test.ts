import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { createAwsClient } from '@/server/aws/clients';
import { s3Client } from '@/server/aws/s3';
import { sandboxTargetRef } from '@/server/aws/test-support/sandbox-target';
import { AppError } from '@/server/errors';
import { prepareTemplate } from '@/server/launches/artefacts';

import { buildBlueprintFunctions } from './build-blueprint';
import type { BuildSettings } from './build-function';

// Against the sandbox account (SANDBOX_AWS_ENDPOINT); npm ci reaches the npm registry.
const sandbox = sandboxTargetRef('builds-int-sandbox');
const producerDir = path.join(process.cwd(), 'blueprints', 'serverless-kafka-producer');
const unique = () => Math.random().toString(36).slice(2, 8);

async function freshSettings(): Promise<BuildSettings> {
  const root = await mkdtemp(path.join(tmpdir(), 'builds-int-'));
  return { cache: { dir: path.join(root, 'artefacts'), maxEntries: 20 }, workRoot: path.join(root, 'work'), python: 'python3' };
}

function producerCode(body: string): { S3Bucket: string; S3Key: string } {
  const template = JSON.parse(body) as { Resources: Record<string, { Type: string; Properties: { Code?: { S3Bucket: string; S3Key: string } } }> };
  const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
  return fn!.Properties.Code!;
}

describe('building function code at launch', () => {
  it('deploys the Kafka producer bundled with kafkajs, and a second build of the unchanged blueprint does no work', async () => {
    const settings = await freshSettings();
    const blueprint = { dir: producerDir, slug: `it-builds-${unique()}`, version: '1.0.0' };

    // Every step is heard as it happens: the function listed as pending, then building, then built.
    const heard: string[][] = [];
    const onProgress = (builds: { functionId: string; status: string }[]) => void heard.push(builds.map((b) => `${b.functionId}:${b.status}`));
    const first = await prepareTemplate(sandbox, blueprint, { build: await buildBlueprintFunctions(producerDir, {}, { settings, onProgress }) });
    expect(heard).toEqual([['ProducerFunction:pending'], ['ProducerFunction:building'], ['ProducerFunction:built']]);
    heard.length = 0;
    expect(first.build.reports).toEqual([expect.objectContaining({ logicalId: 'ProducerFunction', tool: 'esbuild', cached: false })]);
    const code = producerCode(first.body);
    expect(first.upload.uploaded).toContain(code.S3Key);

    const second = await prepareTemplate(sandbox, blueprint, { build: await buildBlueprintFunctions(producerDir, {}, { settings, onProgress }) });
    expect(heard).toEqual([['ProducerFunction:pending'], ['ProducerFunction:building'], ['ProducerFunction:cached']]);
    expect(second.build.reports).toEqual([expect.objectContaining({ logicalId: 'ProducerFunction', cached: true, key: first.build.reports[0]!.key })]);
    expect(second.upload.uploaded).toEqual([]);
    expect(second.upload.skipped).toContain(code.S3Key);
    expect(producerCode(second.body)).toEqual(code);

    // Deploy the packaged code and read it back from Lambda.
    const roleName = `it-builds-${unique()}`;
    const role = await createAwsClient(IAMClient, sandbox).send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const lambda = createAwsClient(LambdaClient, sandbox);
    const functionName = `it-builds-${unique()}`;
    await lambda.send(
      new CreateFunctionCommand({ FunctionName: functionName, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: role.Role!.Arn!, Code: code }),
    );
    const deployed = await lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
    // The sandbox's Code.Location is not downloadable; it names the S3 key the code came from.
    expect(deployed.Code?.Location).toContain(code.S3Key);
    const stored = await s3Client(sandbox).send(new GetObjectCommand({ Bucket: code.S3Bucket, Key: code.S3Key }));
    const zip = await stored.Body!.transformToByteArray();
    expect(createHash('sha256').update(zip).digest('base64')).toBe(deployed.Configuration?.CodeSha256);

    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    const bundle = new TextDecoder().decode(files['index.mjs']);
    expect(bundle).toContain('// node_modules/kafkajs/');
    expect(bundle).toContain('KafkaJSNonRetriableError');
    expect(bundle).toContain('// node_modules/aws-msk-iam-sasl-signer-js/');
    expect(bundle).not.toMatch(/from ["']kafkajs["']/);
  });

  it('reports a function that does not build before any AWS call', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'builds-broken-'));
    await mkdir(path.join(dir, 'src'));
    await writeFile(
      path.join(dir, 'template.yaml'),
      'Resources:\n  BrokenFunction:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r\n      Code: ./src\n',
    );
    await writeFile(path.join(dir, 'src', 'package.json'), '{"type":"module"}');
    await writeFile(path.join(dir, 'src', 'index.mjs'), "import { missing } from './nowhere.mjs';\nexport const handler = missing;\n");
    // A target whose every AWS call would fail on credentials: the error seen must be the build's.
    const unreachable = { ...sandbox, isSandbox: false, roleArn: 'arn:aws:iam::123456789012:role/none', accountId: '123456789012' };
    const error = await prepareTemplate(unreachable, { dir, slug: 'broken', version: '1.0.0' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    expect((error as AppError).message).toMatch(
      /^The build of function BrokenFunction \(nodejs22\.x\) failed: esbuild: index\.mjs:1:\d+: Could not resolve "\.\/nowhere\.mjs"/,
    );
  });
});
