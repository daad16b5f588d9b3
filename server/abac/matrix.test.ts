import { describe, expect, it } from 'vitest';
import { computeAbacMatrix, type MatrixFunction, type MatrixPrincipal } from '@/server/abac/matrix';

const ACCOUNT = '111122223333';
const sameProject = {
  name: 'same-project',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: 'arn:aws:lambda:*:*:function:*',
        Condition: { StringEquals: { 'aws:ResourceTag/project-name': '${aws:PrincipalTag/project-name}' } },
      },
    ],
  },
};
const principal = (name: string, project: string, extra: Partial<MatrixPrincipal> = {}): MatrixPrincipal => ({
  arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  kind: 'role',
  name,
  tags: { 'project-name': project },
  policies: [sameProject],
  permissionsBoundary: null,
  ...extra,
});
const fn = (name: string, project: string, resourcePolicy: unknown = null): MatrixFunction => ({
  arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`,
  name,
  tags: { 'project-name': project },
  resourcePolicy,
});

describe('computeAbacMatrix', () => {
  it('decides every principal on every function for the action', () => {
    const matrix = computeAbacMatrix(
      [principal('falcon-dev', 'falcon'), principal('eagle-dev', 'eagle')],
      [fn('falcon-api', 'falcon'), fn('eagle-api', 'eagle')],
      'lambda:InvokeFunction',
    );
    expect(matrix.cells).toEqual([
      ['allowed', 'implicitDeny'],
      ['implicitDeny', 'allowed'],
    ]);
    expect(matrix.counts).toEqual({ allowed: 2, explicitDeny: 0, implicitDeny: 2 });
    expect(matrix.principals.map((p) => p.name)).toEqual(['falcon-dev', 'eagle-dev']);
  });

  it('applies boundaries and resource policies, and reports policies it cannot read instead of failing', () => {
    const denyAll = { name: 'b', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } };
    const grant = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/outsider` }, Action: 'lambda:InvokeFunction', Resource: '*' }],
    };
    const broken = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: '*' }, Action: '*', Resource: '*' }] };
    const matrix = computeAbacMatrix(
      [principal('falcon-dev', 'falcon', { permissionsBoundary: denyAll }), principal('outsider', 'none')],
      [fn('falcon-api', 'falcon', grant), fn('odd', 'falcon', broken)],
      'lambda:InvokeFunction',
    );
    expect(matrix.cells).toEqual([
      ['explicitDeny', 'explicitDeny'],
      ['allowed', 'implicitDeny'],
    ]);
    expect(matrix.problems).toEqual([{ where: expect.stringContaining('function:odd resource policy'), problem: expect.stringMatching(/NotPrincipal/) }]);
  });
});
