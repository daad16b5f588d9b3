import { expect, test } from '@playwright/test';
import { storageState } from '../users';
import { launchBlueprint, REGION } from '../support/sfn';

// The ABAC pages' API over the post's scenario ("Scaling AWS Lambda permissions with ABAC") deployed
// to the sandbox from blueprints/lambda-abac: findings, tag mappings, a matrix page with a cell's
// explanation, and what-if (re-tag a function, CreateFunction with request tags).

// The answers' shapes, as far as these tests read them (the API's DTOs are in lib/abac/types.ts).
type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';
type AbacFinding = { kind: string; principal: string | null; function: string | null; statement: { sid: string | null } | null; message: string };
type TagMappings = { edges: { principalKey: string | null; via: string; resourceKey: string; statements: { sid: string | null; principals: string[] }[] }[] };
type AbacGrid = {
  principals: { arn: string }[];
  functions: { arn: string; tags: Record<string, string> }[];
  cells: { decision: Decision; allowed: number; of: number }[][];
};
type AbacExplanation = { decisions: { decision: Decision; decidingStatements: { sid: string | null }[]; conditions: unknown[] }[] };
type AbacWhatIf = {
  changes: { principal: string; function: string; before: Decision; after: Decision }[];
  createFunction: { principal: string; decision: Decision }[] | null;
};

test.describe.configure({ mode: 'serial' });
test.use({ storageState: storageState('falconDev') });

let out: Record<string, string>;
const scope = `target=sandbox&region=${REGION}&refresh=1`;
const nameOf = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

test.beforeAll(async ({ request }) => {
  test.setTimeout(200_000);
  const launch = await launchBlueprint(request, 'lambda-abac');
  out = Object.fromEntries(launch.outputs.map((o) => [o.key, o.value]));
});

test('findings name the post’s TagResource on every function and reach both functions', async ({ request }) => {
  const res = await request.get(`/api/v1/abac/findings?${scope}`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { readAt: string; findings: AbacFinding[] };
  expect(Date.parse(body.readAt)).toBeGreaterThan(Date.now() - 120_000);
  const retag = body.findings.find((f) => f.kind === 'broadWildcard' && f.principal === out.FalconDeveloperRoleArn);
  expect(retag?.statement?.sid).toBe('AllowLambdaTagOnCreate');
  expect(retag?.message).toMatch(/re-tag another project's function into its own/);
  const unreachable = body.findings.filter((f) => f.kind === 'unreachableFunction').map((f) => f.function);
  expect(unreachable).not.toContain(out.FalconFunctionArn);
  expect(unreachable).not.toContain(out.EagleFunctionArn);
});

test('tag mappings: project-name gates project-name, organization and cost-center gate themselves', async ({ request }) => {
  const res = await request.get(`/api/v1/abac/mappings?target=sandbox&region=${REGION}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as TagMappings;
  const edge = (principalKey: string, via: string, resourceKey: string) =>
    body.edges.find((e) => e.principalKey === principalKey && e.via === via && e.resourceKey === resourceKey);
  const project = edge('project-name', 'resourceTag', 'project-name');
  expect(project?.statements.map((s) => s.sid)).toContain('AllActionsLambdaSameProject');
  expect(project?.statements.flatMap((s) => s.principals)).toEqual(expect.arrayContaining([out.FalconDeveloperRoleArn, out.EagleDeveloperRoleArn]));
  expect(edge('project-name', 'requestTag', 'project-name')?.statements.map((s) => s.sid)).toContain('AllowLambdaTagOnCreate');
  expect(edge('organization', 'resourceTag', 'organization')?.statements.map((s) => s.sid)).toContain('AllActionsLambdaManager');
  expect(edge('cost-center', 'resourceTag', 'cost-center')).toBeDefined();
});

test('a matrix page decides the cells and a cell explains itself with resolved tags', async ({ request }) => {
  const falconFn = nameOf(out.FalconFunctionArn!);
  const res = await request.get(`/api/v1/abac/grid?target=sandbox&region=${REGION}&function=${falconFn}&tag=project-name&colLimit=5&rowLimit=200`);
  expect(res.status(), await res.text()).toBe(200);
  const grid = (await res.json()) as AbacGrid;
  const row = grid.principals.findIndex((p) => p.arn === out.FalconDeveloperRoleArn);
  const eagleRow = grid.principals.findIndex((p) => p.arn === out.EagleDeveloperRoleArn);
  expect(grid.functions.map((f) => f.arn)).toEqual([out.FalconFunctionArn]);
  expect(grid.cells[row]?.[0]).toEqual({ decision: 'allowed', allowed: 1, of: 1 });
  expect(grid.cells[eagleRow]?.[0]?.decision).toBe('implicitDeny');

  const explain = await request.get(
    `/api/v1/abac/explain?target=sandbox&region=${REGION}&principal=${encodeURIComponent(out.FalconDeveloperRoleArn!)}&function=${encodeURIComponent(out.FalconFunctionArn!)}`,
  );
  expect(explain.status()).toBe(200);
  const [decision] = ((await explain.json()) as AbacExplanation).decisions;
  expect(decision?.decision).toBe('allowed');
  expect(decision?.decidingStatements.map((s) => s.sid)).toEqual(['AllActionsLambdaSameProject']);
  expect(decision?.conditions).toContainEqual({
    operator: 'StringEquals',
    key: 'aws:ResourceTag/project-name',
    values: ['${aws:PrincipalTag/project-name}'],
    resolved: { values: ['falcon'], keyValues: ['falcon'] },
    result: true,
  });
});

test('what-if: re-tagging eagle’s function to falcon moves it between the developers; CreateFunction follows the request tags', async ({ request }) => {
  const res = await request.post('/api/v1/abac/what-if', {
    data: {
      target: 'sandbox',
      region: REGION,
      action: 'lambda:InvokeFunction',
      functions: [{ arn: out.EagleFunctionArn, tags: { 'project-name': 'falcon' } }],
      createFunction: { functionName: 'what-if-new', requestTags: { 'project-name': 'falcon' } },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as AbacWhatIf;
  expect(body.changes).toContainEqual({ principal: out.FalconDeveloperRoleArn, function: out.EagleFunctionArn, before: 'implicitDeny', after: 'allowed' });
  expect(body.changes).toContainEqual({ principal: out.EagleDeveloperRoleArn, function: out.EagleFunctionArn, before: 'allowed', after: 'implicitDeny' });
  const create = (arn: string | undefined) => body.createFunction?.find((c) => c.principal === arn)?.decision;
  expect(create(out.FalconDeveloperRoleArn)).toBe('allowed');
  expect(create(out.EagleDeveloperRoleArn)).toBe('implicitDeny');

  // Nothing was applied: the matrix still reads eagle's function as eagle's.
  const grid = (await (await request.get(`/api/v1/abac/grid?${scope}&function=${nameOf(out.EagleFunctionArn!)}&rowLimit=200`)).json()) as AbacGrid;
  expect(grid.functions[0]?.tags['project-name']).toBe('eagle');
});

test('what-if names an ARN that is not in the inventory', async ({ request }) => {
  const res = await request.post('/api/v1/abac/what-if', {
    data: { target: 'sandbox', region: REGION, functions: [{ arn: `arn:aws:lambda:${REGION}:000000000000:function:nope`, tags: {} }] },
  });
  expect(res.status()).toBe(422);
  expect(((await res.json()) as { error: { fields: Record<string, string[]> } }).error.fields['functions.0.arn']?.[0]).toMatch(/not in the inventory/);
});

test('verify asks IAM SimulatePrincipalPolicy about a cell: the sandbox agrees on falcon’s developer and eagle’s function', async ({ request }) => {
  const res = await request.post('/api/v1/abac/verify', {
    data: { target: 'sandbox', region: REGION, action: 'all', principal: out.FalconDeveloperRoleArn, function: out.EagleFunctionArn },
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { agrees: boolean; results: { action: string; portal: Decision; aws: Decision | null; agrees: boolean }[] };
  expect(body.results.filter((r) => !r.agrees)).toEqual([]);
  expect(body.agrees).toBe(true);
  expect(body.results.find((r) => r.action === 'lambda:InvokeFunction')).toMatchObject({ portal: 'implicitDeny', aws: 'implicitDeny' });
});

test('bad input on the views is a 422 naming the field and the rule', async ({ request }) => {
  const fields = async (res: Awaited<ReturnType<typeof request.get>>) => {
    expect(res.status(), await res.text()).toBe(422);
    return ((await res.json()) as { error: { code: string; fields: Record<string, string[]> } }).error;
  };
  expect((await fields(await request.get(`/api/v1/abac/grid?target=sandbox&region=${REGION}&rowLimit=201`))).fields.rowLimit).toEqual(['at most 200']);
  expect((await fields(await request.get('/api/v1/abac/findings?target=sandbox&region=mars'))).fields.region).toEqual([
    'must be an AWS region name such as us-east-1',
  ]);
  expect(Object.keys((await fields(await request.get(`/api/v1/abac/mappings?target=sandbox&surprise=1`))).fields)).toEqual(['surprise']);
  const verify = await fields(await request.post('/api/v1/abac/verify', { data: { target: 'sandbox', region: REGION, action: 'lambda:*', principal: '' } }));
  expect(verify.code).toBe('VALIDATION');
  expect(verify.fields.action).toEqual([expect.stringMatching(/without wildcards/)]);
  expect(verify.fields.principal).toEqual(['principal (ARN) is required']);
  expect(verify.fields.function).toBeDefined();
});
