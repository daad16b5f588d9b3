import 'server-only';
import { buildRequestContext } from '@/server/abac/context';
import { evaluateRequest, type PolicySet } from '@/server/abac/evaluate';
import { compilePolicy, PolicyError } from '@/server/abac/policy';
import type { DecisionResult } from '@/server/abac/types';
import { AppError } from '@/server/errors';
import type { AbacSimulateBody } from '@/lib/schemas/abac';

function compileOrReport(document: unknown, kind: Parameters<typeof compilePolicy>[1], index: number, field: string) {
  try {
    return compilePolicy(document, kind, index);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    const path = err.field ? `${field}.${err.field}` : field;
    const fields: Record<string, string[]> = Object.create(null);
    fields[path] = [err.rule];
    throw new AppError('VALIDATION', `Invalid input — ${path}: ${err.rule}`, { fields });
  }
}

/** Decides one Lambda call against the given policies and tags (nothing is asked of AWS). */
export function simulateAbacRequest(body: AbacSimulateBody): DecisionResult {
  const policies: PolicySet = {
    identity: body.policies.map((p, i) => compileOrReport(p, 'identity', i, `policies.${i}`)),
    boundary: body.permissionsBoundary ? compileOrReport(body.permissionsBoundary, 'permissionsBoundary', body.policies.length, 'permissionsBoundary') : null,
    resource: body.resourcePolicy ? compileOrReport(body.resourcePolicy, 'resourcePolicy', body.policies.length + 1, 'resourcePolicy') : null,
  };
  const context = buildRequestContext(body);
  return evaluateRequest(policies, { action: body.action, principalArn: body.principalArn, resourceArn: body.resourceArn, context });
}
