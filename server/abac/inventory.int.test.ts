import { LambdaClient, TagResourceCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAbacMatrix, readAbacInventory } from '@/server/abac/inventory';
import { getTeamFunctionReach, verifyAbacDecision } from '@/server/abac/views';
import { createAwsClient } from '@/server/aws/clients';
import { sandboxTargetRef } from '@/server/aws/test-support/sandbox-target';
import { loadActor } from '@/server/auth/queries';
import { env } from '@/server/env';
import { previewLaunch, startLaunch } from '@/server/launches/create';
import { getLaunchDetail } from '@/server/launches/read';
import { teardownLaunch } from '@/server/launches/teardown';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { seedDemoData } from '@/server/seed';
import { launchRequestSchema } from '@/lib/schemas/launches';
import type { Actor } from '@/server/auth/actor';

// The post's scenario deployed to the sandbox (blueprints/lambda-abac through the launch engine) and
// read back from IAM and Lambda: the matrix must say what the post says.

const REGION = 'us-east-1';
const TIMEOUT_MS = 120_000;
let actor: Actor;
let launchId: string;
let outputs: Map<string, string>;

beforeAll(async () => {
  expect(env().SANDBOX_AWS_ENDPOINT).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):/);
  await seedDemoData(() => undefined);
  actor = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
  const request = launchRequestSchema.parse({
    blueprint: 'lambda-abac',
    target: 'sandbox',
    region: REGION,
    stackName: `abac-it-${Date.now().toString(36)}`,
    parameters: {},
  });
  const preview = await previewLaunch(actor, request);
  ({ launchId } = await startLaunch(actor, { ...request, previewId: preview.previewId }));
  const created = await syncLaunchUntil(launchId, (status) => !status.endsWith('_IN_PROGRESS'), TIMEOUT_MS);
  expect(created.status).toBe('CREATE_COMPLETE');
  outputs = new Map((await getLaunchDetail(actor, launchId)).outputs.map((o) => [o.key, o.value]));
}, TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (!launchId) return;
  await teardownLaunch(actor, launchId);
  await syncLaunchUntil(launchId, (status) => status === 'DELETED' || status === 'DELETE_FAILED', TIMEOUT_MS);
}, TIMEOUT_MS + 10_000);

const output = (key: string) => {
  const value = outputs.get(key);
  if (!value) throw new Error(`output ${key} missing`);
  return value;
};

async function decisionsFor(action: string) {
  const matrix = await getAbacMatrix(actor, { target: 'sandbox', region: REGION, action });
  const at = (principalArn: string, functionArn: string) => {
    const p = matrix.principals.findIndex((x) => x.arn === principalArn);
    const f = matrix.functions.findIndex((x) => x.arn === functionArn);
    expect(p, principalArn).toBeGreaterThanOrEqual(0);
    expect(f, functionArn).toBeGreaterThanOrEqual(0);
    return matrix.cells[p]![f];
  };
  return { matrix, at };
}

describe('the ABAC inventory and matrix of the sandbox', () => {
  it('reads the roles with their tags and policies and the functions with their tags', async () => {
    const inventory = await readAbacInventory(actor, { target: 'sandbox', region: REGION });
    const falcon = inventory.principals.find((p) => p.arn === output('FalconDeveloperRoleArn'));
    // Its own tag, under the launch's team tags that CloudFormation propagates to the roles it creates.
    expect(falcon?.tags).toEqual({ 'project-name': 'falcon', 'cost-center': 'CC-1001', organization: 'payments', owner: 'falcon-dev@example.com' });
    expect(falcon?.policies.length).toBe(3);
    const falconFunction = inventory.functions.find((f) => f.arn === output('FalconFunctionArn'));
    expect(falconFunction?.tags).toMatchObject({ 'project-name': 'falcon', organization: 'birds', 'cost-center': 'it' });
    expect(Date.parse(inventory.readAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("falcon's developer invokes falcon's function only; eagle's the other way round", async () => {
    const { at, matrix } = await decisionsFor('lambda:InvokeFunction');
    expect(matrix.problems).toEqual([]);
    expect(at(output('FalconDeveloperRoleArn'), output('FalconFunctionArn'))).toBe('allowed');
    expect(at(output('FalconDeveloperRoleArn'), output('EagleFunctionArn'))).toBe('implicitDeny');
    expect(at(output('EagleDeveloperRoleArn'), output('EagleFunctionArn'))).toBe('allowed');
    expect(at(output('ManagerRoleArn'), output('FalconFunctionArn'))).toBe('implicitDeny');
  });

  it('the manager reads both functions while organization and cost-center match, and loses one when its organization changes', async () => {
    const before = await decisionsFor('lambda:GetFunction');
    expect(before.at(output('ManagerRoleArn'), output('FalconFunctionArn'))).toBe('allowed');
    expect(before.at(output('ManagerRoleArn'), output('EagleFunctionArn'))).toBe('allowed');
    const lambda = createAwsClient(LambdaClient, sandboxTargetRef('abac-int', REGION));
    await lambda.send(new TagResourceCommand({ Resource: output('EagleFunctionArn'), Tags: { organization: 'fish' } }));
    const after = await decisionsFor('lambda:GetFunction');
    expect(after.at(output('ManagerRoleArn'), output('FalconFunctionArn'))).toBe('allowed');
    expect(after.at(output('ManagerRoleArn'), output('EagleFunctionArn'))).toBe('implicitDeny');
  });
});

// Runs after the re-tag above (eagle's function is in organization fish now); the views' inventory is
// first read here, so it sees that.
describe('"Verify with AWS": the sandbox’s SimulatePrincipalPolicy (its own evaluator) against the portal', () => {
  const verify = (principal: string, fn: string, action: string) =>
    verifyAbacDecision(actor, { target: 'sandbox', region: REGION, action, principal: output(principal), function: output(fn) });

  it("falcon's developer: allowed on falcon's function by its same-project policy, denied on eagle's, IAM agreeing", async () => {
    const own = await verify('FalconDeveloperRoleArn', 'FalconFunctionArn', 'lambda:InvokeFunction');
    expect(own.results).toEqual([
      expect.objectContaining({ action: 'lambda:InvokeFunction', portal: 'allowed', aws: 'allowed', agrees: true, missingContextValues: [] }),
    ]);
    expect(own.results[0]?.awsPolicies).toEqual(own.results[0]?.portalPolicies);
    expect(own.results[0]?.awsPolicies.length).toBe(1);
    const other = await verify('FalconDeveloperRoleArn', 'EagleFunctionArn', 'lambda:InvokeFunction');
    expect(other.results.map((r) => [r.portal, r.aws])).toEqual([['implicitDeny', 'implicitDeny']]);
    expect(other.agrees).toBe(true);
  });

  it('the manager: falcon’s function (organization and cost-center match) allowed, eagle’s (organization fish) denied, IAM agreeing', async () => {
    const falcon = await verify('ManagerRoleArn', 'FalconFunctionArn', 'lambda:GetFunction');
    expect(falcon.results.map((r) => [r.portal, r.aws])).toEqual([['allowed', 'allowed']]);
    const eagle = await verify('ManagerRoleArn', 'EagleFunctionArn', 'lambda:GetFunction');
    expect(eagle.results.map((r) => [r.portal, r.aws])).toEqual([['implicitDeny', 'implicitDeny']]);
  });

  it('every Lambda action of every cell of the post’s roles and functions agrees', async () => {
    const seen = new Set<string>();
    for (const principal of ['FalconDeveloperRoleArn', 'EagleDeveloperRoleArn', 'ManagerRoleArn']) {
      for (const fn of ['FalconFunctionArn', 'EagleFunctionArn']) {
        const cell = await verify(principal, fn, 'all');
        expect(
          cell.results.filter((r) => !r.agrees),
          `${principal} on ${fn}`,
        ).toEqual([]);
        expect(cell.results.length).toBeGreaterThan(10);
        for (const r of cell.results) seen.add(r.portal);
      }
    }
    // Not a vacuous agreement: both answers occur.
    expect([...seen].sort()).toEqual(['allowed', 'implicitDeny']);
  });
});

describe("a team's page: which of its launched functions its launched roles reach", () => {
  it('lists the stack’s functions with the stack’s roles that reach them and the actions allowed', async () => {
    const team = (await getLaunchDetail(actor, launchId)).team;
    const places = await getTeamFunctionReach(actor, team.slug);
    const here = places.find((p) => p.target.name === 'sandbox' && p.region === REGION);
    expect(here?.error).toBeNull();
    expect(here?.readAt).toBeTruthy();
    const row = (fn: string) => here?.rows.find((r) => r.function.arn === output(fn));
    const via = (fn: string, role: string) => row(fn)?.via.find((v) => v.role.arn === output(role))?.actions;
    expect(via('FalconFunctionArn', 'FalconDeveloperRoleArn')).toEqual(expect.arrayContaining(['lambda:InvokeFunction', 'lambda:GetFunction']));
    expect(via('EagleFunctionArn', 'EagleDeveloperRoleArn')).toEqual(expect.arrayContaining(['lambda:InvokeFunction']));
    // Not across projects, and the manager (organization birds) no longer reads eagle's function (organization fish).
    expect(via('EagleFunctionArn', 'FalconDeveloperRoleArn')).toBeUndefined();
    expect(via('FalconFunctionArn', 'ManagerRoleArn')).toContain('lambda:GetFunction');
    expect(via('EagleFunctionArn', 'ManagerRoleArn')).toBeUndefined();
  });
});
