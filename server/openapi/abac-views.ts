import 'server-only';
import { awsErrors, registerOperations } from '@/server/openapi/registry';
import { abacExplainQuerySchema, abacGridQuerySchema, abacInventoryQuerySchema, abacVerifySchema, abacWhatIfSchema } from '@/lib/schemas/abac-views';

// The ABAC pages' operations (app/api/v1/abac/{findings,mappings,grid,explain,verify,what-if}). Each reads the
// target's inventory (kept a few minutes per target and region; `refresh=1` reads it again) and says
// when it was read in `readAt`.
const notFound = { 404: 'No target of that id or name that the caller’s teams may use', ...awsErrors };

registerOperations(
  {
    operationId: 'listAbacFindings',
    method: 'GET',
    path: '/api/v1/abac/findings',
    summary: 'What is wrong or risky in a target’s ABAC set-up, most severe first',
    description:
      '`findings[]`: `kind` (`unreachableFunction`, `principalMatchesNothing`, `vacuousForAllValues`, `tagCaseMismatch`, `retagEscalation`, ' +
      '`broadWildcard`), `severity` (`high`, `medium`, `low`), the `principal` and `function` ARNs and the policy `statement` involved (or null) ' +
      'and a `message` saying why.',
    tag: 'abac',
    query: abacInventoryQuerySchema,
    queryExample: { target: 'sandbox', region: 'us-east-1' },
    errors: notFound,
  },
  {
    operationId: 'getAbacTagMappings',
    method: 'GET',
    path: '/api/v1/abac/mappings',
    summary: 'Which principal tag keys gate which resource tag keys, read from the policies’ conditions, with the statements behind each edge',
    description:
      '`edges[]`: `principalKey` (the `${aws:PrincipalTag/…}` substituted, or null for fixed values), `resourceKey`, `via` (`resourceTag` for ' +
      '`aws:ResourceTag/…`, `requestTag` for `aws:RequestTag/…`, `tagKeys` for the keys `aws:TagKeys` allows), `effect`, `operators`, fixed ' +
      '`values`, and `statements` with the principals that carry each.',
    tag: 'abac',
    query: abacInventoryQuerySchema,
    queryExample: { target: 'sandbox', region: 'us-east-1' },
    errors: notFound,
  },
  {
    operationId: 'getAbacGrid',
    method: 'GET',
    path: '/api/v1/abac/grid',
    summary: 'One page of the principals × functions matrix, filtered and grouped by tag combination, decided for one Lambda action or all',
    description:
      'Rows are principals, columns functions, each sorted by tag combination (`group`) then name; `principal` and `function` filter by name ' +
      '(substring, any case), `tag` by `key` or `key=value`. `cells[row][col]` is `{ decision, allowed, of }`: for `action=all` every function ' +
      'action is decided and `allowed` counts the allowed ones (an explicit deny shows only when nothing is allowed). `totals` counts the ' +
      'filtered rows and columns; only the page is decided.',
    tag: 'abac',
    query: abacGridQuerySchema,
    queryExample: { target: 'sandbox', region: 'us-east-1', action: 'lambda:InvokeFunction', rowLimit: 50, colLimit: 50 },
    errors: notFound,
  },
  {
    operationId: 'explainAbacDecision',
    method: 'GET',
    path: '/api/v1/abac/explain',
    summary: 'One cell’s decision for each action, with the deciding statements (by policy name) and every condition’s resolved values',
    tag: 'abac',
    query: abacExplainQuerySchema,
    queryExample: {
      target: 'sandbox',
      region: 'us-east-1',
      action: 'lambda:InvokeFunction',
      principal: 'arn:aws:iam::123456789012:role/falcon-developer-role',
      function: 'arn:aws:lambda:us-east-1:123456789012:function:falcon-api',
    },
    errors: { 404: 'No such target for the caller’s teams, or no such principal or function in its inventory', ...awsErrors },
  },
  {
    operationId: 'verifyAbacDecision',
    method: 'POST',
    path: '/api/v1/abac/verify',
    summary: 'One cell checked against IAM SimulatePrincipalPolicy in the target’s account: the portal’s decision next to IAM’s, action by action',
    description:
      'The portal sends IAM the context it evaluated with (principal and resource tags, account keys) and compares its decision from the ' +
      'principal’s identity policies and permissions boundary (what the simulation evaluates) with IAM’s. `results[]`: `action`, `portal`, ' +
      '`aws` (null when IAM answered nothing for it), `agrees`, the deciding policies on each side (`portalPolicies`, `awsPolicies`), ' +
      '`missingContextValues`, and `withResourcePolicy` (the matrix’s decision when the function’s resource policy changes it, else null). ' +
      '`agrees` is true when every action agrees. Nothing is changed in AWS.',
    tag: 'abac',
    body: abacVerifySchema,
    bodyExample: {
      target: 'sandbox',
      region: 'us-east-1',
      action: 'lambda:InvokeFunction',
      principal: 'arn:aws:iam::123456789012:role/falcon-developer-role',
      function: 'arn:aws:lambda:us-east-1:123456789012:function:eagle-api',
    },
    errors: { 404: 'No such target for the caller’s teams, or no such principal or function in its inventory', ...awsErrors },
  },
  {
    operationId: 'runAbacWhatIf',
    method: 'POST',
    path: '/api/v1/abac/what-if',
    summary: 'The matrix with edited principal tags or policies and function tags, compared cell by cell with the inventory; nothing is applied to AWS',
    description:
      '`changes[]` lists every cell whose decision differs (`before`, `after`), `counts` both matrices’ totals. With `createFunction`, ' +
      '`lambda:CreateFunction` is decided for every principal with the given request tags.',
    tag: 'abac',
    body: abacWhatIfSchema,
    bodyExample: {
      target: 'sandbox',
      region: 'us-east-1',
      action: 'lambda:InvokeFunction',
      functions: [{ arn: 'arn:aws:lambda:us-east-1:123456789012:function:eagle-api', tags: { 'project-name': 'falcon' } }],
      createFunction: { functionName: 'falcon-new', requestTags: { 'project-name': 'falcon' } },
    },
    errors: { 422: 'The body is not valid, or it names a principal or function that is not in the inventory', ...notFound },
  },
);
