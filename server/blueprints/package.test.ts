import { cp, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';

import { objectOrEmpty } from './json';
import { packageBlueprint, sha256Hex } from './package';
import { zipDirectory } from './zip';

const BLUEPRINTS_DIR = path.resolve(__dirname, '../../blueprints');
const scratch: string[] = [];
afterAll(async () => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-package-'));
  scratch.push(dir);
  return dir;
}

const resource = (template: Record<string, unknown>, id: string) => objectOrEmpty(objectOrEmpty(objectOrEmpty(template.Resources)[id]).Properties);

describe('zipDirectory', () => {
  it('gives identical bytes for identical files whatever their timestamps, and skips caches', async () => {
    const [a, b] = [await scratchDir(), await scratchDir()];
    for (const dir of [a, b]) {
      await mkdir(path.join(dir, 'lib'));
      await writeFile(path.join(dir, 'app.py'), 'print("hi")\n');
      await writeFile(path.join(dir, 'lib', 'util.py'), 'X = 1\n');
    }
    await utimes(path.join(b, 'app.py'), new Date('2001-01-01'), new Date('2001-01-01'));
    await mkdir(path.join(b, '__pycache__'));
    await writeFile(path.join(b, '__pycache__', 'app.cpython-313.pyc'), 'junk');
    const [zipA, zipB] = [await zipDirectory(a), await zipDirectory(b)];
    expect(sha256Hex(zipA)).toBe(sha256Hex(zipB));
    expect(Object.keys(unzipSync(zipA))).toEqual(['app.py', 'lib/util.py']);
    expect(new TextDecoder().decode(unzipSync(zipA)['lib/util.py'])).toBe('X = 1\n');
  });

  it('changes when a file changes', async () => {
    const dir = await scratchDir();
    await writeFile(path.join(dir, 'app.py'), 'v1\n');
    const before = sha256Hex(await zipDirectory(dir));
    await writeFile(path.join(dir, 'app.py'), 'v2\n');
    expect(sha256Hex(await zipDirectory(dir))).not.toBe(before);
  });
});

describe('packageBlueprint', () => {
  it('packages built code in place of the function folder, keyed by its own hash', async () => {
    const blueprintDir = path.join(BLUEPRINTS_DIR, 'serverless-kafka-producer');
    const built = new Uint8Array([80, 75, 5, 6, 1, 2, 3]);
    const asked: string[] = [];
    const { template, artefacts } = await packageBlueprint({
      blueprintDir,
      bucket: 'b',
      builtCode: (templateFile, logicalId) => {
        asked.push(`${path.relative(blueprintDir, templateFile)}#${logicalId}`);
        return logicalId === 'ProducerFunction' ? built : undefined;
      },
    });
    expect(asked).toEqual(['template.yaml#ProducerFunction']);
    expect(resource(template, 'ProducerFunction').Code).toEqual({ S3Bucket: 'b', S3Key: `${sha256Hex(built)}.zip` });
    expect(artefacts.find((artefact) => artefact.sha256 === sha256Hex(built))?.body).toBe(built);
  });

  it('rewrites local function code and nested templates to S3 and is deterministic', async () => {
    const options = { blueprintDir: path.join(BLUEPRINTS_DIR, 'orders-nested-stacks'), bucket: 'artefacts', keyPrefix: '/slipway/orders/', region: 'eu-west-1' };
    const first = await packageBlueprint(options);
    const second = await packageBlueprint(options);
    expect(second.artefacts.map((artefact) => artefact.sha256)).toEqual(first.artefacts.map((artefact) => artefact.sha256));
    expect(second.template).toEqual(first.template);

    // 4 nested templates + 2 function archives.
    expect(first.artefacts.filter((artefact) => artefact.key.endsWith('.template.json'))).toHaveLength(4);
    expect(first.artefacts.filter((artefact) => artefact.key.endsWith('.zip'))).toHaveLength(2);
    for (const artefact of first.artefacts) {
      expect(artefact.key).toMatch(/^slipway\/orders\/[0-9a-f]{64}\./);
      expect(artefact.sha256).toBe(sha256Hex(artefact.body));
    }

    const url = resource(first.template, 'WorkflowStack').Location as string;
    expect(url).toMatch(/^https:\/\/s3\.eu-west-1\.amazonaws\.com\/artefacts\/slipway\/orders\/[0-9a-f]{64}\.template\.json$/);
    const workflowKey = url.split('/artefacts/')[1];
    const workflow = JSON.parse(new TextDecoder().decode(first.artefacts.find((artefact) => artefact.key === workflowKey)?.body)) as Record<string, unknown>;
    // SAM's CodeUri takes Bucket/Key (the transform turns it into Code.S3Bucket/S3Key).
    const code = resource(workflow, 'CompleteOrderFunction').CodeUri as { Bucket: string; Key: string };
    expect(code.Bucket).toBe('artefacts');
    const archive = first.artefacts.find((artefact) => artefact.key === code.Key);
    expect(Object.keys(unzipSync(archive?.body ?? new Uint8Array()))).toEqual(['app.py']);
  });

  it('packages state machine definitions, single files and ready-made archives; leaves inline code and URLs alone', async () => {
    const dir = await scratchDir();
    await mkdir(path.join(dir, 'src'));
    await writeFile(path.join(dir, 'src', 'handler.py'), 'def handler(e, c):\n    return 1\n');
    await writeFile(path.join(dir, 'prebuilt.zip'), 'PK-not-really');
    await writeFile(path.join(dir, 'machine.asl.json'), '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}');
    await writeFile(
      path.join(dir, 'template.yaml'),
      [
        'Resources:',
        '  FileFn: { Type: AWS::Lambda::Function, Properties: { Code: src/handler.py } }',
        '  ZipFn: { Type: AWS::Lambda::Function, Properties: { Code: ./prebuilt.zip } }',
        '  Inline: { Type: AWS::Lambda::Function, Properties: { Code: { ZipFile: "x" } } }',
        '  Layer: { Type: AWS::Lambda::LayerVersion, Properties: { Content: ./src } }',
        '  Machine: { Type: AWS::StepFunctions::StateMachine, Properties: { DefinitionS3Location: ./machine.asl.json } }',
        '  Remote: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: "https://example.com/t.yaml" } }',
        '',
      ].join('\n'),
    );
    const { template, artefacts } = await packageBlueprint({ blueprintDir: dir, bucket: 'b' });
    const fileCode = resource(template, 'FileFn').Code as { S3Key: string };
    expect(Object.keys(unzipSync(artefacts.find((a) => a.key === fileCode.S3Key)?.body ?? new Uint8Array()))).toEqual(['handler.py']);
    const zipCode = resource(template, 'ZipFn').Code as { S3Key: string };
    expect(new TextDecoder().decode(artefacts.find((a) => a.key === zipCode.S3Key)?.body)).toBe('PK-not-really');
    expect(resource(template, 'Inline').Code).toEqual({ ZipFile: 'x' });
    expect(resource(template, 'Layer').Content).toMatchObject({ S3Bucket: 'b' });
    expect(resource(template, 'Machine').DefinitionS3Location).toMatchObject({ Bucket: 'b', Key: expect.stringMatching(/^[0-9a-f]{64}\.json$/) });
    expect(resource(template, 'Remote').TemplateURL).toBe('https://example.com/t.yaml');
    // The layer folder holds only handler.py, so its archive equals FileFn's: one content-addressed key.
    expect(artefacts).toHaveLength(3);
    expect((resource(template, 'Layer').Content as { S3Key: string }).S3Key).toBe(fileCode.S3Key);
  });

  it('gives the same keys when the same blueprint is copied elsewhere (fresh timestamps)', async () => {
    const copy = path.join(await scratchDir(), 'copy');
    await cp(path.join(BLUEPRINTS_DIR, 'mainframe-jcl-step-functions'), copy, { recursive: true, preserveTimestamps: false });
    const original = await packageBlueprint({ blueprintDir: path.join(BLUEPRINTS_DIR, 'mainframe-jcl-step-functions'), bucket: 'b' });
    const copied = await packageBlueprint({ blueprintDir: copy, bucket: 'b' });
    expect(copied.artefacts.map((artefact) => artefact.key)).toEqual(original.artefacts.map((artefact) => artefact.key));
  });
});
