import 'server-only';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListAttachedUserPolicies,
  paginateListRolePolicies,
  paginateListRoles,
  paginateListUserPolicies,
  paginateListUsers,
  paginateSimulatePrincipalPolicy,
  type Tag,
} from '@aws-sdk/client-iam';
import { createAwsClient, type AwsTargetRef } from '@/server/aws/clients';

/** An IAM policy document as stored (IAM returns it URL-encoded; this is the decoded JSON). */
export type IamPolicyDocument = { name: string; arn: string | null; document: unknown };

/** A role or user with what decides its permissions. */
export type IamPrincipalDto = {
  kind: 'role' | 'user';
  arn: string;
  name: string;
  tags: Record<string, string>;
  inlinePolicies: IamPolicyDocument[];
  attachedPolicies: IamPolicyDocument[];
  permissionsBoundary: IamPolicyDocument | null;
};

const CONCURRENCY = 4;

const toTags = (tags: Tag[] | undefined): Record<string, string> => Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
/**
 * A stored policy document: IAM returns URL-encoded JSON. Text that does not decode or parse is returned
 * as it is, so one unreadable document is reported by the evaluator (as not a policy) instead of
 * failing the whole inventory.
 */
export function decodePolicyDocument(text: string | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(decodeURIComponent(text));
  } catch {
    return text;
  }
}
const decodeDocument = decodePolicyDocument;

async function mapLimited<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}

/**
 * Every IAM role and user of the target's account (all pages) with tags, inline and attached managed
 * policies and permissions boundary. Managed policy documents are read once per policy.
 */
export async function listIamPrincipals(target: AwsTargetRef): Promise<IamPrincipalDto[]> {
  const client = createAwsClient(IAMClient, target);
  const managed = new Map<string, Promise<IamPolicyDocument>>();
  const readManaged = (arn: string, name: string) => {
    let found = managed.get(arn);
    if (!found) {
      found = (async () => {
        const policy = await client.send(new GetPolicyCommand({ PolicyArn: arn }));
        const version = await client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.Policy?.DefaultVersionId }));
        return { name, arn, document: decodeDocument(version.PolicyVersion?.Document) };
      })();
      managed.set(arn, found);
    }
    return found;
  };

  const roleNames: string[] = [];
  for await (const page of paginateListRoles({ client, pageSize: 100 }, {})) for (const r of page.Roles ?? []) if (r.RoleName) roleNames.push(r.RoleName);
  const userNames: string[] = [];
  for await (const page of paginateListUsers({ client, pageSize: 100 }, {})) for (const u of page.Users ?? []) if (u.UserName) userNames.push(u.UserName);

  const roles = await mapLimited(roleNames, async (RoleName): Promise<IamPrincipalDto> => {
    const { Role } = await client.send(new GetRoleCommand({ RoleName }));
    const inlineNames: string[] = [];
    for await (const page of paginateListRolePolicies({ client }, { RoleName })) inlineNames.push(...(page.PolicyNames ?? []));
    const inlinePolicies = await mapLimited(inlineNames, async (PolicyName) => {
      const policy = await client.send(new GetRolePolicyCommand({ RoleName, PolicyName }));
      return { name: PolicyName, arn: null, document: decodeDocument(policy.PolicyDocument) };
    });
    const attached: { arn: string; name: string }[] = [];
    for await (const page of paginateListAttachedRolePolicies({ client }, { RoleName })) {
      for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) attached.push({ arn: p.PolicyArn, name: p.PolicyName ?? p.PolicyArn });
    }
    const boundaryArn = Role?.PermissionsBoundary?.PermissionsBoundaryArn;
    return {
      kind: 'role',
      arn: Role?.Arn ?? '',
      name: RoleName,
      tags: toTags(Role?.Tags),
      inlinePolicies,
      attachedPolicies: await Promise.all(attached.map((p) => readManaged(p.arn, p.name))),
      permissionsBoundary: boundaryArn ? await readManaged(boundaryArn, boundaryArn.split('/').pop() ?? boundaryArn) : null,
    };
  });

  const users = await mapLimited(userNames, async (UserName): Promise<IamPrincipalDto> => {
    const { User } = await client.send(new GetUserCommand({ UserName }));
    const inlineNames: string[] = [];
    for await (const page of paginateListUserPolicies({ client }, { UserName })) inlineNames.push(...(page.PolicyNames ?? []));
    const inlinePolicies = await mapLimited(inlineNames, async (PolicyName) => {
      const policy = await client.send(new GetUserPolicyCommand({ UserName, PolicyName }));
      return { name: PolicyName, arn: null, document: decodeDocument(policy.PolicyDocument) };
    });
    const attached: { arn: string; name: string }[] = [];
    for await (const page of paginateListAttachedUserPolicies({ client }, { UserName })) {
      for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) attached.push({ arn: p.PolicyArn, name: p.PolicyName ?? p.PolicyArn });
    }
    const boundaryArn = User?.PermissionsBoundary?.PermissionsBoundaryArn;
    return {
      kind: 'user',
      arn: User?.Arn ?? '',
      name: UserName,
      tags: toTags(User?.Tags),
      inlinePolicies,
      attachedPolicies: await Promise.all(attached.map((p) => readManaged(p.arn, p.name))),
      permissionsBoundary: boundaryArn ? await readManaged(boundaryArn, boundaryArn.split('/').pop() ?? boundaryArn) : null,
    };
  });
  return [...roles, ...users];
}

/** One context key sent to SimulatePrincipalPolicy: a single value (`string`) or a list (`stringList`, e.g. aws:TagKeys). */
export type SimulationContextEntry = { key: string; values: string[]; type: 'string' | 'stringList' };

/** IAM's answer for one action on one resource. */
export type SimulationResultDto = {
  action: string;
  resource: string;
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  /** The policies whose statements decided it, by IAM's policy id (the policy name for a principal's own policies). */
  matchedPolicies: { id: string; type: string }[];
  missingContextValues: string[];
  /** Whether the permissions boundary allows the action; null when the principal has none. */
  allowedByPermissionsBoundary: boolean | null;
};

const EVAL_DECISIONS = new Set(['allowed', 'explicitDeny', 'implicitDeny']);

/**
 * IAM SimulatePrincipalPolicy for a role or user: its own identity policies and permissions boundary decided
 * for each action on each resource with the given context (all pages). Resource policies are not part of it.
 */
export async function simulatePrincipalPolicy(
  target: AwsTargetRef,
  request: { principalArn: string; actions: string[]; resourceArns: string[]; context: SimulationContextEntry[] },
): Promise<SimulationResultDto[]> {
  const client = createAwsClient(IAMClient, target);
  const results: SimulationResultDto[] = [];
  const input = {
    PolicySourceArn: request.principalArn,
    ActionNames: request.actions,
    ResourceArns: request.resourceArns,
    ContextEntries: request.context.map((c) => ({ ContextKeyName: c.key, ContextKeyValues: c.values, ContextKeyType: c.type })),
  };
  for await (const page of paginateSimulatePrincipalPolicy({ client, pageSize: 100 }, input)) {
    for (const r of page.EvaluationResults ?? []) {
      const decision = r.EvalDecision ?? '';
      // IAM documents three decisions; anything else is reported as a deny rather than trusted as an allow.
      results.push({
        action: r.EvalActionName ?? '',
        resource: r.EvalResourceName ?? '*',
        decision: EVAL_DECISIONS.has(decision) ? (decision as SimulationResultDto['decision']) : 'implicitDeny',
        matchedPolicies: (r.MatchedStatements ?? []).map((m) => ({ id: m.SourcePolicyId ?? '', type: m.SourcePolicyType ?? '' })),
        missingContextValues: r.MissingContextValues ?? [],
        allowedByPermissionsBoundary: r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary ?? null,
      });
    }
  }
  return results;
}
