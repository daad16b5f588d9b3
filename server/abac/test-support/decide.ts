import { buildRequestContext, type RequestFacts } from '@/server/abac/context';
import { evaluateRequest } from '@/server/abac/evaluate';
import { compilePolicy } from '@/server/abac/policy';
import type { DecisionResult, PolicyDocument, PolicyStatement } from '@/server/abac/types';

export const ACCOUNT = '111122223333';
export const fn = (name: string, account = ACCOUNT) => `arn:aws:lambda:us-east-1:${account}:function:${name}`;
export const role = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
export const user = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:user/${name}`;

export const doc = (...statements: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });

export type DecideInput = Partial<RequestFacts> & {
  policies: PolicyDocument[];
  permissionsBoundary?: PolicyDocument;
  resourcePolicy?: PolicyDocument;
  explain?: boolean;
};

/** Compiles and decides in one step, with defaults for whatever the test does not care about. */
export function decide(input: DecideInput): DecisionResult {
  const facts: RequestFacts = {
    action: input.action ?? 'lambda:GetFunction',
    principalArn: input.principalArn ?? role('dev'),
    resourceArn: input.resourceArn ?? fn('falcon-api'),
    principalTags: input.principalTags ?? {},
    resourceTags: input.resourceTags ?? {},
    requestTags: input.requestTags,
    userId: input.userId,
    extra: input.extra,
  };
  const n = input.policies.length;
  return evaluateRequest(
    {
      identity: input.policies.map((p, i) => compilePolicy(p, 'identity', i)),
      boundary: input.permissionsBoundary ? compilePolicy(input.permissionsBoundary, 'permissionsBoundary', n) : null,
      resource: input.resourcePolicy ? compilePolicy(input.resourcePolicy, 'resourcePolicy', n + 1) : null,
    },
    { action: facts.action, principalArn: facts.principalArn, resourceArn: facts.resourceArn, context: buildRequestContext(facts) },
    { explain: input.explain },
  );
}

/** Whether one condition block lets an Allow-everything statement through for the given context. */
export function allows(condition: PolicyStatement['Condition'], input: Partial<DecideInput> = {}): boolean {
  return decide({ ...input, policies: [doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition })] }).decision === 'allowed';
}
