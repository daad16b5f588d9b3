import 'server-only';

// The Lambda actions the ABAC pages decide. Per "Attribute-based access control for Lambda"
// (https://docs.aws.amazon.com/lambda/latest/dg/attribute-based-access-control.html) these function
// actions support aws:ResourceTag; CreateFunction is decided on request tags instead.

/** Function actions that carry `aws:ResourceTag/*` (the matrix's "all Lambda actions"). */
export const FUNCTION_ACTIONS = [
  'lambda:InvokeFunction',
  'lambda:GetFunction',
  'lambda:GetFunctionConfiguration',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'lambda:DeleteFunction',
  'lambda:PublishVersion',
  'lambda:CreateAlias',
  'lambda:AddPermission',
  'lambda:RemovePermission',
  'lambda:ListTags',
  'lambda:TagResource',
  'lambda:UntagResource',
] as const;

/** Actions that change a function's tags, and so its ABAC access. */
export const RETAG_ACTIONS = ['lambda:TagResource', 'lambda:UntagResource'] as const;
