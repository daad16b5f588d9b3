import 'server-only';
import type { Actor } from '@/server/auth/actor';
import { listIamPrincipals } from '@/server/aws/iam';
import { listLambdaFunctionsWithTags } from '@/server/aws/lambda';
import { computeAbacMatrix, type AbacMatrix, type MatrixFunction, type MatrixPrincipal } from '@/server/abac/matrix';
import { getTargetForActor, resolveTargetRef, resolveTargetRefById } from '@/server/targets/queries';
import type { AwsTargetRef } from '@/server/aws/clients';
import { AppError } from '@/server/errors';
import type { AbacMatrixQuery } from '@/lib/schemas/abac';

/** A target's principals and functions as read from AWS, with when. */
export type AbacInventory = { readAt: string; principals: MatrixPrincipal[]; functions: MatrixFunction[] };

type TargetInventory = AbacInventory & { target: { id: string; name: string }; region: string };

/** Reads IAM roles and users (account-wide) and the region's Lambda functions of a target. */
export async function readAbacInventory(actor: Actor, query: Pick<AbacMatrixQuery, 'target' | 'region'>): Promise<TargetInventory> {
  const target = await getTargetForActor(actor, query.target);
  const region = query.region ?? target.regions[0];
  if (!region) throw new AppError('VALIDATION', `Target ${target.name} has no regions.`, { fields: { region: ['is required'] } });
  return readInventoryAt({ id: target.id, name: target.name }, region, await resolveTargetRef(target, region));
}

/** Reads a stored target's inventory for background work with no actor (the worker's refresh). */
export async function readAbacInventoryById(target: { id: string; name: string }, region: string): Promise<TargetInventory> {
  return readInventoryAt(target, region, await resolveTargetRefById(target.id, region));
}

async function readInventoryAt(target: { id: string; name: string }, region: string, ref: AwsTargetRef): Promise<TargetInventory> {
  const upstream = (what: string) => (err: unknown) => {
    if (err instanceof AppError) throw err;
    const name = err instanceof Error ? err.name : 'Error';
    throw new AppError(
      'UPSTREAM',
      `Could not read ${what} of target ${target.name} in ${region}: ${name}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  };
  const [iam, functions] = await Promise.all([
    listIamPrincipals(ref).catch(upstream('IAM roles and users')),
    listLambdaFunctionsWithTags(ref).catch(upstream('Lambda functions')),
  ]);
  return {
    target,
    region,
    readAt: new Date().toISOString(),
    principals: iam.map((p) => ({
      arn: p.arn,
      kind: p.kind,
      name: p.name,
      tags: p.tags,
      policies: [...p.inlinePolicies, ...p.attachedPolicies].map(({ name, document }) => ({ name, document })),
      permissionsBoundary: p.permissionsBoundary ? { name: p.permissionsBoundary.name, document: p.permissionsBoundary.document } : null,
    })),
    functions,
  };
}

/** The principals × functions matrix of a target and region for one Lambda action. */
export async function getAbacMatrix(
  actor: Actor,
  query: AbacMatrixQuery,
): Promise<AbacMatrix & { target: { id: string; name: string }; region: string; readAt: string }> {
  const inventory = await readAbacInventory(actor, query);
  return {
    target: inventory.target,
    region: inventory.region,
    readAt: inventory.readAt,
    ...computeAbacMatrix(inventory.principals, inventory.functions, query.action),
  };
}
