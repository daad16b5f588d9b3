// The ABAC matrix: 100 principals × 1,000 functions × 10 Lambda actions (1,000,000 checks) decided by
// server/abac (policies compiled once per principal; decisions only, as GET /api/v1/abac/matrix does,
// and with explanations, as POST /api/v1/abac/simulate does), next to
// @cloud-copilot/iam-simulate (AGPL-3.0, a dev dependency; runUnsafeSimulation, its fastest path) on
// the same cells in the same process, with their answers compared cell by cell. The oracle is slow, so
// by default it decides every 10th cell; `--oracle-every 1` gives it the whole matrix. Rates are given
// in wall time and in CPU time (steadier when other processes share the cores).
// The findings page over the same 100 principals × 1,000 functions (reachability decides every
// function action of every pair) is timed too; `--part findings` times only that.
// Prints `BENCH {json}` lines for scripts/bench.mjs.
//   npx tsx --conditions=react-server scripts/bench/abac-matrix.ts [--runs 3] [--oracle-every 10] [--part all|matrix|findings]
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildRequestContext, type RequestFacts } from '@/server/abac/context';
import { evaluateRequest, type PolicySet } from '@/server/abac/evaluate';
import { listAbacFindings } from '@/server/abac/findings';
import type { MatrixFunction, MatrixPrincipal } from '@/server/abac/matrix';
import { compilePolicy } from '@/server/abac/policy';
import type { Decision, PolicyDocument } from '@/server/abac/types';
import { createRandom } from '@/server/abac/test-support/generate';
import { createTaggedPolicy, listFunctionsPolicy, managerPolicy, sameProjectPolicy } from '@/server/abac/test-support/post-policies';
import { decideWithOracleUnchecked, toSimulation } from '@/server/abac/test-support/oracle';
import { summarise } from './summary';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'oracle-every': { type: 'string', default: '10' }, part: { type: 'string', default: 'all' } },
});
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
// The post's policies as the blueprint deploys them (one copy, shared with the tests).
const developerPolicies = [listFunctionsPolicy.document, sameProjectPolicy.document, createTaggedPolicy.document];
const managerPolicies = [managerPolicy.document];
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

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function runOurs(explain: boolean): { ms: number; cpu: number; answers: Decision[] } {
  const started = performance.now();
  const cpuStarted = cpuMs();
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
    const result = evaluateRequest(
      compiled.get(cell.principal) as PolicySet,
      {
        action: cell.facts.action,
        principalArn: cell.facts.principalArn,
        resourceArn: cell.facts.resourceArn,
        context: buildRequestContext(cell.facts),
      },
      { explain },
    );
    answers[i++] = result.decision;
  }
  return { ms: performance.now() - started, cpu: cpuMs() - cpuStarted, answers };
}

function runOracle(): { ms: number; cpu: number; checks: number; answers: Map<number, Decision> } {
  const answers = new Map<number, Decision>();
  let elapsed = 0;
  let cpu = 0;
  let i = 0;
  for (const cell of cells()) {
    if (i % oracleEvery === 0) {
      const simulation = toSimulation({ facts: cell.facts, policies: cell.principal.policies, permissionsBoundary: cell.principal.boundary });
      const started = performance.now();
      const cpuStarted = cpuMs();
      answers.set(i, decideWithOracleUnchecked(simulation));
      elapsed += performance.now() - started;
      cpu += cpuMs() - cpuStarted;
    }
    i++;
  }
  return { ms: elapsed, cpu, checks: answers.size, answers };
}

function measure(explain: boolean) {
  const walls: number[] = [];
  const cpus: number[] = [];
  let last = runOurs(explain); // warm-up
  for (let run = 0; run < runs; run++) {
    last = runOurs(explain);
    walls.push(last.ms);
    cpus.push(last.cpu);
  }
  return { answers: last.answers, wall: summarise(walls), cpuMedian: summarise(cpus).medianMs };
}

// Findings are cheap when every function is reached early; the worst case is a function nobody
// reaches (every principal × every function action is decided) and a principal that reaches nothing.
// The second inventory makes half the functions unreachable (a project no developer has, an
// organization no manager has) and a fifth of the developers match nothing.
function findingsInventories() {
  const asPrincipals = (ghosts: boolean): MatrixPrincipal[] =>
    principals.map((p, i) => ({
      arn: p.arn,
      kind: 'role',
      name: p.arn.slice(p.arn.lastIndexOf('/') + 1),
      tags: ghosts && i % 5 === 1 ? { ...p.tags, 'project-name': `ghost-${i}` } : p.tags,
      policies: p.policies.map((document, pi) => ({ name: `policy-${pi}`, document })),
      permissionsBoundary: p.boundary ? { name: 'guardrail', document: p.boundary } : null,
    }));
  const asFunctions = (orphans: boolean): MatrixFunction[] =>
    functions.map((f, i) => ({
      arn: f.arn,
      name: f.arn.slice(f.arn.lastIndexOf(':') + 1),
      tags: orphans && i % 2 === 1 ? { ...f.tags, 'project-name': `orphan-${i % 7}`, organization: 'reptiles' } : f.tags,
      resourcePolicy: null,
    }));
  return [
    { name: 'every function reached', principals: asPrincipals(false), functions: asFunctions(false) },
    { name: 'half the functions unreachable', principals: asPrincipals(true), functions: asFunctions(true) },
  ];
}

function measureFindings() {
  for (const inventory of findingsInventories()) {
    const walls: number[] = [];
    let count = 0;
    let digest = '';
    for (let run = 0; run <= runs; run++) {
      const started = performance.now();
      const found = listAbacFindings(inventory.principals, inventory.functions);
      count = found.length;
      digest = createHash('sha256').update(JSON.stringify(found)).digest('hex').slice(0, 12);
      // The first run warms the JIT up and is not counted.
      if (run > 0) walls.push(performance.now() - started);
    }
    const wall = summarise(walls);
    console.log(
      `findings, ${inventory.name} (${inventory.principals.length} principals × ${inventory.functions.length} functions): ${count} findings (sha256 ${digest}), median ${Math.round(wall.medianMs)} ms of ${runs} runs`,
    );
    console.log(`BENCH ${JSON.stringify({ engine: `slipway findings, ${inventory.name}`, ...wall })}`);
  }
}

if (values.part === 'all' || values.part === 'findings') measureFindings();
if (values.part === 'findings') process.exit(0);

const bare = measure(false);
const explained = measure(true);
const oracle = runOracle();
let disagreements = 0;
const counts: Record<Decision, number> = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
for (const decision of bare.answers) counts[decision]++;
for (let i = 0; i < TOTAL; i++) if (bare.answers[i] !== explained.answers[i]) disagreements++;
for (const [i, decision] of oracle.answers) if (bare.answers[i] !== decision) disagreements++;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const oracleWall = oracle.checks / (oracle.ms / 1000);
const oracleCpu = oracle.checks / (oracle.cpu / 1000);
console.log(`matrix: ${fmt(TOTAL)} checks; answers ${JSON.stringify(counts)}`);
console.log(
  `iam-simulate: ${fmt(oracleWall)} checks/s wall, ${fmt(oracleCpu)} per CPU second, over ${fmt(oracle.checks)} cells (every ${oracleEvery}th; it loads the policies on every call)`,
);
for (const [name, m] of [
  ['decisions only', bare],
  ['with explanations', explained],
] as const) {
  const wall = TOTAL / (m.wall.medianMs / 1000);
  const cpu = TOTAL / (m.cpuMedian / 1000);
  console.log(
    `slipway, ${name}: ${fmt(wall)} checks/s wall (${(wall / oracleWall).toFixed(1)}× iam-simulate), ${fmt(cpu)} per CPU second (${(cpu / oracleCpu).toFixed(1)}×); median of ${runs} runs`,
  );
  console.log(`BENCH ${JSON.stringify({ engine: `slipway ${name}, 1,000,000 checks`, ...m.wall })}`);
}
console.log(`${disagreements} disagreements (iam-simulate on ${fmt(oracle.checks)} cells, and with against without explanations on all)`);
console.log(
  `BENCH ${JSON.stringify({ engine: `iam-simulate, ${fmt(oracle.checks)} checks`, runs: 1, meanMs: oracle.ms, medianMs: oracle.ms, p95Ms: oracle.ms, minMs: oracle.ms, maxMs: oracle.ms })}`,
);
if (disagreements > 0) process.exitCode = 1;
