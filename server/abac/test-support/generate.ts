import type { RequestFacts } from '@/server/abac/context';
import type { PolicyDocument, PolicyStatement } from '@/server/abac/types';

// A seeded generator of ABAC cases for the differential test and the benchmark: policies with every
// condition operator, variables, wildcards, boundaries and resource policies, against Lambda calls
// with principal, resource and request tags. It leaves out, on purpose, the case classes where
// @cloud-copilot/iam-simulate and IAM's documentation disagree (listed in differential.test.ts).

export type GeneratedCase = {
  facts: RequestFacts;
  policies: PolicyDocument[];
  permissionsBoundary?: PolicyDocument;
  resourcePolicy?: PolicyDocument;
};

/** mulberry32: small, fast and good enough to spread cases; the same seed gives the same cases. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const chance = (p: number) => next() < p;
  const some = <T>(list: readonly T[], max: number): T[] => {
    const count = 1 + int(max);
    const out: T[] = [];
    for (let i = 0; i < count; i++) out.push(pick(list));
    return [...new Set(out)];
  };
  return { next, int, pick, chance, some };
}
type Random = ReturnType<typeof createRandom>;

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
const TAG_KEYS = ['project-name', 'organization', 'cost-center', 'team', 'env'] as const;
const TAG_VALUES = ['falcon', 'eagle', 'birds', 'it', 'Falcon', 'dev', 'prod', 'fal*', 'e?gle', 'x'] as const;
const NAMES = ['falcon-api', 'falcon-worker', 'eagle-api', 'Falcon-api', 'eagle-falcon', 'shared'] as const;

export const ACTIONS = [
  'lambda:GetFunction',
  'lambda:InvokeFunction',
  'lambda:DeleteFunction',
  'lambda:UpdateFunctionCode',
  'lambda:ListTags',
  'lambda:PutFunctionConcurrency',
  'lambda:CreateFunction',
  'lambda:TagResource',
  'lambda:UntagResource',
  'lambda:ListFunctions',
] as const;

const ACTION_PATTERNS = [
  'lambda:*',
  '*',
  'lambda:Get*',
  'LAMBDA:getfunction',
  'lambda:?nvokeFunction',
  'lambda:*Tag*',
  'lambda:CreateFunction',
  'lambda:List*',
  'lambda:*Function*',
  's3:GetObject',
] as const;

const principalArns = (account: string) => [
  `arn:aws:iam::${account}:user/alice`,
  `arn:aws:iam::${account}:user/dev/bob`,
  `arn:aws:iam::${account}:role/falcon-developer`,
  `arn:aws:iam::${account}:role/manager`,
];

function tags(r: Random, probability: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of TAG_KEYS) if (r.chance(probability)) out[key] = r.pick(TAG_VALUES);
  return out;
}

const tagKey = (r: Random) => r.pick(TAG_KEYS);
const variable = (r: Random) =>
  r.pick([
    `\${aws:PrincipalTag/${tagKey(r)}}`,
    '${aws:username}',
    '${aws:PrincipalAccount}',
    `\${aws:ResourceTag/${tagKey(r)}}`,
    `\${aws:RequestTag/${tagKey(r)}}`,
  ]);

function stringValue(r: Random, like: boolean): string {
  const roll = r.int(10);
  if (roll < 4) return r.pick(TAG_VALUES);
  if (roll < 7) return variable(r);
  if (roll < 8) return like ? r.pick(['*', 'fal*', 'e?gle', '*-api', '${*}', 'a${?}b', 'x${$}']) : r.pick(['${*}', '*', 'fal*']);
  if (roll < 9) return `${variable(r)}${like ? '*' : '-api'}`;
  return r.pick(['project-name', 'team', ACCOUNT, 'alice', 'bob']);
}

type Family = 'string' | 'numeric' | 'date' | 'bool' | 'ip' | 'arn' | 'null';
const OPERATORS: Record<Family, string[]> = {
  string: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
  numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
  date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  bool: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
  arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
  null: ['Null'],
};

function stringKey(r: Random): string {
  return r.pick([
    `aws:ResourceTag/${tagKey(r)}`,
    `aws:ResourceTag/${tagKey(r)}`,
    `aws:RequestTag/${tagKey(r)}`,
    `aws:PrincipalTag/${tagKey(r)}`,
    'aws:TagKeys',
    'aws:TagKeys',
    'aws:username',
    'aws:PrincipalAccount',
  ]);
}

function condition(r: Random): [string, string, string[]] {
  const family = r.pick<Family>(['string', 'string', 'string', 'string', 'numeric', 'date', 'bool', 'ip', 'arn', 'null']);
  let operator = r.pick(OPERATORS[family]);
  if (family === 'null') {
    const key = r.chance(0.5) ? stringKey(r) : r.pick(['aws:SourceIp', 'aws:MultiFactorAuthAge']);
    return [operator, key, [r.pick(['true', 'false'])]];
  }
  const isSet = r.chance(0.25);
  if (isSet) operator = `${r.pick(['ForAllValues', 'ForAnyValue'])}:${operator}`;
  // ForAnyValue:…IfExists on an absent key: the oracle answers false, IAM's IfExists page true (excluded).
  if (r.chance(0.15) && !operator.startsWith('ForAnyValue:')) operator += 'IfExists';
  const count = 1 + r.int(3);
  const values = (make: () => string) => Array.from({ length: count }, make);
  switch (family) {
    case 'string': {
      const like = operator.includes('Like');
      return [operator, stringKey(r), values(() => stringValue(r, like))];
    }
    case 'numeric':
      return [operator, 'aws:MultiFactorAuthAge', values(() => r.pick(['0', '60', '3600', '3600.5', '-1', '86400']))];
    case 'date':
      return [operator, 'aws:CurrentTime', values(() => r.pick(['2026-01-01T00:00:00Z', '2026-12-06T00:00:00Z', '2027-06-01T12:30:00Z', '2025-01-01']))];
    case 'bool':
      return [operator, r.pick(['aws:SecureTransport', 'aws:MultiFactorAuthPresent']), values(() => r.pick(['true', 'false', 'TRUE']))];
    case 'ip':
      return [
        operator,
        'aws:SourceIp',
        values(() => r.pick(['10.0.0.0/8', '192.168.1.0/24', '203.0.113.7/32', '0.0.0.0/1', '128.0.0.0/1', '2001:db8::/32', '::/0'])),
      ];
    default:
      return [
        operator,
        'aws:PrincipalArn',
        values(() =>
          r.pick([
            `arn:aws:iam::${ACCOUNT}:role/*`,
            'arn:aws:iam::*:user/${aws:username}',
            `arn:aws:iam::${ACCOUNT}:user/alice`,
            'arn:aws:iam::*:role/${aws:PrincipalTag/team}*',
            'arn:aws:iam::111122223333:role/falcon-?eveloper',
            'arn:aws:iam::*:*',
            'not-an-arn',
          ]),
        ),
      ];
  }
}

function conditionBlock(r: Random): PolicyStatement['Condition'] {
  const block: NonNullable<PolicyStatement['Condition']> = {};
  const count = 1 + r.int(3);
  for (let i = 0; i < count; i++) {
    const [operator, key, values] = condition(r);
    (block[operator] ??= {})[key] = values.length === 1 && r.chance(0.5) ? (values[0] as string) : values;
  }
  return block;
}

// Variables only in the resource part: the oracle replaces none in partition, service, region or account.
function resourcePattern(r: Random): string {
  return r.pick([
    '*',
    'arn:aws:lambda:*:*:function:*',
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:falcon-*`,
    'arn:aws:lambda:*:*:function:${aws:PrincipalTag/project-name}-*',
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:Falcon-api`,
    'arn:aws:lambda:*:*:function:e?gle-*',
    `arn:aws:lambda:*:${OTHER_ACCOUNT}:function:*`,
    'arn:aws:lambda:us-east-1:*:function:${aws:username}*',
  ]);
}

function statement(r: Random, options: { principal?: PolicyStatement['Principal']; allowBias: number }): PolicyStatement {
  const s: PolicyStatement = { Effect: r.chance(options.allowBias) ? 'Allow' : 'Deny' };
  if (r.chance(0.5)) s.Sid = `S${r.int(1000)}`;
  if (options.principal) s.Principal = options.principal;
  const actions = r.some(ACTION_PATTERNS, 3);
  if (r.chance(0.12)) s.NotAction = actions.length === 1 && r.chance(0.5) ? (actions[0] as string) : actions;
  else s.Action = actions.length === 1 && r.chance(0.5) ? (actions[0] as string) : actions;
  const resources = Array.from({ length: 1 + r.int(2) }, () => resourcePattern(r));
  if (r.chance(0.12)) s.NotResource = resources;
  else s.Resource = resources.length === 1 ? (resources[0] as string) : resources;
  if (r.chance(0.75)) s.Condition = conditionBlock(r);
  return s;
}

const policy = (statements: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });

/** One case: a principal's policies and a Lambda call with tags and context. */
export function generateCase(r: Random): GeneratedCase {
  const crossAccount = r.chance(0.1);
  const principalArn = r.pick(principalArns(ACCOUNT));
  const action = r.pick(ACTIONS);
  const functionAccount = crossAccount ? OTHER_ACCOUNT : ACCOUNT;
  const resourceArn = action === 'lambda:ListFunctions' ? '*' : `arn:aws:lambda:us-east-1:${functionAccount}:function:${r.pick(NAMES)}`;
  const extra: Record<string, string> = {};
  if (r.chance(0.8)) extra['aws:SourceIp'] = r.pick(['10.1.2.3', '192.168.1.77', '203.0.113.7', '2001:db8::1', '2001:db9::1']);
  if (r.chance(0.8)) extra['aws:CurrentTime'] = r.pick(['2026-12-06T00:00:00Z', '2026-06-01T00:00:00Z', '2027-12-31T23:59:59Z']);
  if (r.chance(0.7)) extra['aws:SecureTransport'] = r.pick(['true', 'false']);
  if (r.chance(0.5)) extra['aws:MultiFactorAuthPresent'] = r.pick(['true', 'false']);
  if (r.chance(0.5)) extra['aws:MultiFactorAuthAge'] = r.pick(['0', '60', '3600', '7200', '100000']);
  const facts: RequestFacts = {
    action,
    principalArn,
    resourceArn,
    principalTags: tags(r, 0.55),
    resourceTags: tags(r, 0.55),
    requestTags: r.chance(0.8) ? tags(r, 0.4) : {},
    extra,
  };
  const identityCount = r.int(4);
  const policies = Array.from({ length: identityCount }, () => policy(Array.from({ length: 1 + r.int(3) }, () => statement(r, { allowBias: 0.75 }))));
  const out: GeneratedCase = { facts, policies };
  if (r.chance(0.3)) out.permissionsBoundary = policy(Array.from({ length: 1 + r.int(2) }, () => statement(r, { allowBias: 0.85 })));
  if (r.chance(0.35)) {
    const principals: PolicyStatement['Principal'][] = [
      '*',
      { AWS: principalArn },
      { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      { AWS: ACCOUNT },
      { AWS: `arn:aws:iam::${ACCOUNT}:user/someone-else` },
      { AWS: '*' },
      { Service: 'events.amazonaws.com' },
    ];
    out.resourcePolicy = policy(
      Array.from({ length: 1 + r.int(2) }, () => {
        const s = statement(r, { principal: r.pick(principals), allowBias: 0.8 });
        // Resource policies name functions (short or bare-* resources behave differently there).
        delete s.NotResource;
        s.Resource =
          action === 'lambda:ListFunctions'
            ? '*'
            : r.pick(['arn:aws:lambda:*:*:function:*', resourceArn, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:falcon-*`]);
        return s;
      }),
    );
  }
  return out;
}
