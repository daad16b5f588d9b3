import 'server-only';

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import type { JsonValue } from '@/lib/blueprints/types';

import { findLocalArtefactPaths, type LocalArtefactPath } from './artefact-paths';
import { parseCfnYaml, type CfnTemplate } from './cfn-yaml';
import { objectOrEmpty } from './json';
import { zipDirectory, zipSingleFile } from './zip';

/** A file to upload before launching: its S3 key, bytes and SHA-256 (hex). */
export interface Artefact {
  key: string;
  body: Uint8Array;
  sha256: string;
  contentType: string;
}

export interface PackagedBlueprint {
  /** The root template as JSON, with every local path replaced by its S3 location. */
  template: CfnTemplate;
  artefacts: Artefact[];
}

export interface PackageOptions {
  /** The blueprint folder (`blueprints/<slug>`). */
  blueprintDir: string;
  bucket: string;
  /** Prepended to every key, e.g. `slipway/orders-nested-stacks`; no leading or trailing slash needed. */
  keyPrefix?: string;
  /** Region of the bucket, for nested-template URLs. */
  region?: string;
  /** The root template inside the folder. */
  templateFile?: string;
  /** Built code for a function (see server/builds), used instead of zipping its folder as it is. */
  builtCode?: (templateFile: string, logicalId: string) => Uint8Array | undefined;
}

/** SHA-256 of some bytes, as lower-case hex. */
export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Packages a blueprint like `aws cloudformation package`: zips function folders deterministically,
 * uploads-to-be nested templates (themselves packaged), and rewrites the template to point at
 * `s3://bucket/<prefix>/<sha256>.<ext>`. Content-addressed keys make re-launches skip unchanged files.
 */
export async function packageBlueprint(options: PackageOptions): Promise<PackagedBlueprint> {
  const context: PackageContext = {
    bucket: options.bucket,
    keyPrefix: (options.keyPrefix ?? '').replace(/^\/+|\/+$/g, ''),
    region: options.region ?? 'us-east-1',
    artefacts: new Map(),
    builtCode: options.builtCode,
  };
  const template = await packageTemplate(path.join(options.blueprintDir, options.templateFile ?? 'template.yaml'), context);
  return { template, artefacts: [...context.artefacts.values()] };
}

interface PackageContext {
  bucket: string;
  keyPrefix: string;
  region: string;
  artefacts: Map<string, Artefact>;
  builtCode?: PackageOptions['builtCode'];
}

async function packageTemplate(templateFile: string, context: PackageContext): Promise<CfnTemplate> {
  const template = parseCfnYaml(await readFile(templateFile, 'utf8'));
  const baseDir = path.dirname(templateFile);
  for (const local of findLocalArtefactPaths(template)) {
    const properties = objectOrEmpty(objectOrEmpty(objectOrEmpty(template.Resources)[local.logicalId]).Properties);
    properties[local.property] = await packageArtefact(local, path.resolve(baseDir, local.path), context, templateFile);
  }
  return template;
}

async function packageArtefact(local: LocalArtefactPath, absolutePath: string, context: PackageContext, templateFile: string): Promise<JsonValue> {
  switch (local.kind) {
    case 'lambda-code':
    case 'layer-content': {
      const built = local.kind === 'lambda-code' ? context.builtCode?.(templateFile, local.logicalId) : undefined;
      const key = await addArtefact(context, built ?? (await zipForLambda(absolutePath)), built ? '.zip' : extensionForCode(absolutePath), 'application/zip');
      // Function Code and layer Content share the S3Bucket/S3Key shape; SAM's CodeUri and ContentUri take Bucket/Key.
      return local.type.startsWith('AWS::Serverless::') ? { Bucket: context.bucket, Key: key } : { S3Bucket: context.bucket, S3Key: key };
    }
    case 'state-machine-definition': {
      const key = await addArtefact(context, await readFile(absolutePath), path.extname(absolutePath) || '.json', 'application/json');
      return { Bucket: context.bucket, Key: key };
    }
    case 'nested-template': {
      const nested = await packageTemplate(absolutePath, context);
      const body = new TextEncoder().encode(`${JSON.stringify(nested, null, 2)}\n`);
      const key = await addArtefact(context, body, '.template.json', 'application/json');
      // Path-style URL: CloudFormation accepts it in every Region, and so does the sandbox.
      return `https://s3.${context.region}.amazonaws.com/${context.bucket}/${key}`;
    }
  }
}

async function zipForLambda(absolutePath: string): Promise<Uint8Array> {
  const info = await stat(absolutePath);
  if (info.isDirectory()) return zipDirectory(absolutePath);
  // Ready-made archives are uploaded as they are, like the AWS CLI does.
  if (/\.(zip|jar)$/i.test(absolutePath)) return readFile(absolutePath);
  return zipSingleFile(absolutePath);
}

function extensionForCode(absolutePath: string): string {
  return /\.jar$/i.test(absolutePath) ? '.jar' : '.zip';
}

async function addArtefact(context: PackageContext, body: Uint8Array, extension: string, contentType: string): Promise<string> {
  const sha256 = sha256Hex(body);
  const key = `${context.keyPrefix ? `${context.keyPrefix}/` : ''}${sha256}${extension}`;
  if (!context.artefacts.has(key)) context.artefacts.set(key, { key, body, sha256, contentType });
  return key;
}
