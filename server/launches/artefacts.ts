import 'server-only';
import { createHash } from 'node:crypto';
import { packageBlueprint } from '@/server/blueprints/package';
import { buildBlueprintFunctions, builtCodeKey, type BlueprintBuild } from '@/server/builds/build-blueprint';
import { ensureArtefactBucket, putObject, uploadArtefacts, type UploadResult } from '@/server/aws/s3';
import type { AwsTargetRef } from '@/server/aws/clients';
import type { TemplateSource } from '@/server/aws/cloudformation';

// CloudFormation takes template bodies up to 51,200 bytes; larger ones must come from S3.
const MAX_TEMPLATE_BODY = 51_200;

/**
 * Builds (unless `build` already did) and packages a blueprint for a target (function code and nested
 * templates uploaded to the target's artefact bucket, unchanged ones skipped) and returns how to hand
 * the root template to CloudFormation. A build failure throws before any AWS call.
 */
export async function prepareTemplate(
  target: AwsTargetRef,
  blueprint: { dir: string; slug: string; version: string },
  options: { parameters?: Record<string, string>; build?: BlueprintBuild } = {},
): Promise<{ source: TemplateSource; body: string; build: BlueprintBuild; upload: UploadResult }> {
  const build = options.build ?? (await buildBlueprintFunctions(blueprint.dir, options.parameters));
  const bucket = await ensureArtefactBucket(target);
  const packaged = await packageBlueprint({
    blueprintDir: blueprint.dir,
    bucket,
    keyPrefix: `blueprints/${blueprint.slug}/${blueprint.version}`,
    region: target.region,
    builtCode: (templateFile, logicalId) => build.code.get(builtCodeKey(templateFile, logicalId)),
  });
  const upload = await uploadArtefacts(target, bucket, packaged.artefacts);
  const body = JSON.stringify(packaged.template);
  return { source: await templateSource(target, body, blueprint), body, build, upload };
}

/**
 * How to hand a packaged root template to CloudFormation: inline when it fits, otherwise from the
 * target's artefact bucket (the update path reuses this for the template stored with a launch).
 */
export async function templateSource(target: AwsTargetRef, body: string, blueprint: { slug: string; version: string }): Promise<TemplateSource> {
  if (Buffer.byteLength(body) <= MAX_TEMPLATE_BODY) return { templateBody: body };
  const bucket = await ensureArtefactBucket(target);
  const key = `blueprints/${blueprint.slug}/${blueprint.version}/${createHash('sha256').update(body).digest('hex')}.template.json`;
  await putObject(target, { bucket, key, body, contentType: 'application/json' });
  return { templateUrl: `https://s3.${target.region}.amazonaws.com/${bucket}/${key}` };
}
