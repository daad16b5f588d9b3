// The ABAC matrix: 100 principals × 1,000 functions × 10 Lambda actions (1,000,000 checks) decided by
// server/abac (policies compiled once per principal, explanations included), next to
// @cloud-copilot/iam-simulate (AGPL-3.0, a dev dependency; runUnsafeSimulation, its fastest path) on
// the same cells in the same process, with their answers compared cell by cell. The oracle is slow, so
// by default it decides every 10th cell; `--oracle-every 1` gives it the whole matrix.
// Prints `BENCH {json}` lines for scripts/bench.mjs.
//   npx tsx --conditions=react-server scripts/bench/abac-matrix.ts [--runs 3] [--oracle-every 10]
import { parseArgs } from 'node:util';
import { buildRequestContext, type RequestFacts } from '@/server/abac/context';
import { evaluateRequest, type PolicySet } from '@/server/abac/evaluate';
import { compilePolicy } from '@/server/abac/policy';
import type { Decision, PolicyDocument } from '@/server/abac/types';
import { createRandom } from '@/server/abac/test-support/generate';
import { decideWithOracleUnchecked, toSimulation } from '@/server/abac/test-support/oracle';
import { summarise } from './summary';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'oracle-every': { type: 'string', default: '10' } } });
const runs = Number(values.runs);
const oracleEvery = Number(values['oracle-every']);

const ACCOUNT = '111122223333';
const PROJECTS = ['falcon', 'eagle', 'owl', 'heron', 'kite'];
const ORGS = ['birds', 'fish'];
const COST_CENTERS = ['it', 'ops', 'research'];
const ACTIONS = [
  'lambda:GetFunction',
  'lambda:InvokeFunction',
  'lambda:DeleteFunction',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'lambda:ListTags',
  'lambda:PutFunctionConcurrency',
  'lambda:PublishVersion',
  'lambda:TagResource',
  'lambda:CreateFunction',
];

const doc = (...Statement: PolicyDocument['Statement'][]): PolicyDocument => ({ Version: '2012-10-17', Statement: Statement.flat() });
const developerPolicies = [
  doc({ Sid: 'AllResourcesLambdaNoTags', Effect: 'Allow', Action: ['lambda:ListFunctions', 'lambda:GetAccountSettings'], Resource: '*' }),
  doc({
    Sid: 'AllActionsLambdaSameProject',
    Effect: 'Allow',
    Action: [
      'lambda:DeleteFunction',
      'lambda:GetFunction',
      'lambda:InvokeFunction',
      'lambda:ListTags',
      'lambda:PublishVersion',
      'lambda:PutFunctionConcurrency',
      'lambda:UpdateFunctionCode',
      'lambda:UpdateFunctionConfiguration',
    ],
    Resource: 'arn:aws:lambda:*:*:function:*',
    Condition: { StringEquals: { 'aws:ResourceTag/project-name': '${aws:PrincipalTag/project-name}' } },
  }),
  doc({
    Sid: 'AllowLambdaTagOnCreate',
    Effect: 'Allow',
    Action: ['lambda:CreateFunction', 'lambda:TagResource'],
    Resource: 'arn:aws:lambda:*:*:function:*',
    Condition: {
      StringEquals: { 'aws:RequestTag/project-name': '${aws:PrincipalTag/project-name}' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['project-name'] },
    },
  }),
];
const managerPolicies = [
  doc({
    Sid: 'AllActionsLambdaManager',
    Effect: 'Allow',
    Action: ['lambda:Get*', 'lambda:List*'],
    Resource: 'arn:aws:lambda:*:*:function:*',
    Condition: {
      StringEquals: { 'aws:ResourceTag/organization': '${aws:PrincipalTag/organization}', 'aws:ResourceTag/cost-center': '${aws:PrincipalTag/cost-center}' },
    },
  }),
];
const guardrail = doc(
  { Sid: 'Everything', Effect: 'Allow', Action: 'lambda:*', Resource: '*' },
  {
    Sid: 'NoProdDeletes',
    Effect: 'Deny',
    Action: ['lambda:Delete*', 'lambda:Untag*'],
    Resource: '*',
    Condition: { StringEqualsIgnoreCase: { 'aws:ResourceTag/env': 'prod' } },
  },
);

type Principal = { arn: string; tags: Record<string, string>; policies: PolicyDocument[]; boundary?: PolicyDocument };
type Cell = { facts: RequestFacts; principal: Principal };

const r = createRandom(100);
const principals: Principal[] = Array.from({ length: 100 }, (_, i) => {
  const isManager = i % 5 === 0;
  const tags: Record<string, string> = isManager
    ? { organization: r.pick(ORGS), 'cost-center': r.pick(COST_CENTERS) }
    : { 'project-name': r.pick(PROJECTS), organization: r.pick(ORGS) };
  return {
    arn: `arn:aws:iam::${ACCOUNT}:role/${isManager ? 'manager' : 'developer'}-${i}`,
    tags,
    policies: isManager ? managerPolicies : developerPolicies,
    ...(i % 3 === 0 ? { boundary: guardrail } : {}),
  };
});
const functions = Array.from({ length: 1000 }, (_, i) => ({
  arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fn-${i}`,
  tags: { 'project-name': r.pick(PROJECTS), organization: r.pick(ORGS), 'cost-center': r.pick(COST_CENTERS), env: r.pick(['dev', 'prod', 'Prod']) },
}));

function* cells(): Generator<Cell> {
  for (const principal of principals) {
    for (const fn of functions) {
      for (const action of ACTIONS) {
        yield {
          principal,
          facts: {
            action,
            principalArn: principal.arn,
            resourceArn: fn.arn,
            principalTags: principal.tags,
            resourceTags: fn.tags,
            requestTags:
              action === 'lambda:CreateFunction' || action === 'lambda:TagResource' ? { 'project-name': fn.tags['project-name'] as string } : undefined,
          },
        };
      }
    }
  }
}
const TOTAL = principals.length * functions.length * ACTIONS.length;

function runOurs(): { ms: number; answers: Decision[] } {
  const started = performance.now();
  // Parse once, match many: each principal's policies are compiled once per matrix.
  const compiled = new Map<Principal, PolicySet>();
  for (const p of principals) {
    compiled.set(p, {
      identity: p.policies.map((doc, i) => compilePolicy(doc, 'identity', i)),
      boundary: p.boundary ? compilePolicy(p.boundary, 'permissionsBoundary', p.policies.length) : null,
      resource: null,
    });
  }
  const answers: Decision[] = new Array(TOTAL);
  let i = 0;
  for (const cell of cells()) {
    const result = evaluateRequest(compiled.get(cell.principal) as PolicySet, {
      action: cell.facts.action,
      principalArn: cell.facts.principalArn,
      resourceArn: cell.facts.resourceArn,
      context: buildRequestContext(cell.facts),
    });
    answers[i++] = result.decision;
  }
  return { ms: performance.now() - started, answers };
}

function runOracle(): { ms: number; checks: number; answers: Map<number, Decision> } {
  const answers = new Map<number, Decision>();
  let elapsed = 0;
  let i = 0;
  for (const cell of cells()) {
    if (i % oracleEvery === 0) {
      const simulation = toSimulation({ facts: cell.facts, policies: cell.principal.policies, permissionsBoundary: cell.principal.boundary });
      const started = performance.now();
      answers.set(i, decideWithOracleUnchecked(simulation));
      elapsed += performance.now() - started;
    }
    i++;
  }
  return { ms: elapsed, checks: answers.size, answers };
}

const ourSamples: number[] = [];
let ours = runOurs(); // warm-up, also the answers compared below
for (let run = 0; run < runs; run++) {
  ours = runOurs();
  ourSamples.push(ours.ms);
}
const oracle = runOracle();
let disagreements = 0;
const counts: Record<Decision, number> = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
for (const decision of ours.answers) counts[decision]++;
for (const [i, decision] of oracle.answers) if (ours.answers[i] !== decision) disagreements++;

const ourSummary = summarise(ourSamples);
const ourRate = TOTAL / (ourSummary.medianMs / 1000);
const oracleRate = oracle.checks / (oracle.ms / 1000);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`matrix: ${fmt(TOTAL)} checks; answers ${JSON.stringify(counts)}`);
console.log(`slipway: ${fmt(ourRate)} checks/s (compile + context + decision + explanation, median of ${runs} runs)`);
console.log(`iam-simulate: ${fmt(oracleRate)} checks/s over ${fmt(oracle.checks)} cells (every ${oracleEvery}th; policy loading per call included)`);
console.log(`speed-up ${(ourRate / oracleRate).toFixed(1)}×; ${disagreements} disagreements in ${fmt(oracle.checks)} compared cells`);
console.log(`BENCH ${JSON.stringify({ engine: 'slipway, 1,000,000 checks', ...ourSummary })}`);
console.log(
  `BENCH ${JSON.stringify({ engine: `iam-simulate, ${fmt(oracle.checks)} checks`, runs: 1, meanMs: oracle.ms, medianMs: oracle.ms, p95Ms: oracle.ms, minMs: oracle.ms, maxMs: oracle.ms })}`,
);
if (disagreements > 0) process.exitCode = 1;
