import type { MatrixFunction, MatrixPrincipal } from '@/server/abac/matrix';
import type { PolicyDocumentInput } from '@/lib/schemas/abac';
import { createTaggedPolicy, sameProjectPolicy } from './post-policies';

// The post's scenario ("Scaling AWS Lambda permissions with ABAC") as inventory rows, for unit tests.

export const ACCOUNT = '111122223333';

export { createTaggedPolicy, listFunctionsPolicy, managerPolicy, sameProjectPolicy } from './post-policies';

export const role = (
  name: string,
  tags: Record<string, string>,
  policies: MatrixPrincipal['policies'] = [sameProjectPolicy, createTaggedPolicy],
): MatrixPrincipal => ({
  arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  kind: 'role',
  name,
  tags,
  policies,
  permissionsBoundary: null,
});

export const lambdaFunction = (name: string, tags: Record<string, string>): MatrixFunction => ({
  arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`,
  name,
  tags,
  resourcePolicy: null,
});

/** A one-statement policy; the statement is not checked here (tests feed odd ones on purpose). */
export const policy = (name: string, statement: Record<string, unknown>) => ({
  name,
  document: { Version: '2012-10-17', Statement: [statement] } as unknown as PolicyDocumentInput,
});
