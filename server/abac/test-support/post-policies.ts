import type { PolicyDocument } from '../types';

// The identity policies of the post "Scaling AWS Lambda permissions with Attribute-Based Access Control
// (ABAC)" as blueprints/lambda-abac deploys them (without its iam:PassRole statement): the one copy the
// unit tests, the API specs (e2e/api/abac.spec.ts) and the benchmark share. Plain data with relative
// imports only, so the Playwright specs can import it too.

type NamedPolicy = { name: string; document: PolicyDocument };

/** ListFunctions and GetAccountSettings on every resource (neither supports resource tags). */
export const listFunctionsPolicy: NamedPolicy = {
  name: 'LambdaConsoleListPolicy',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllResourcesLambdaNoTags',
        Effect: 'Allow',
        Action: ['lambda:ListFunctions', 'lambda:GetAccountSettings'],
        Resource: '*',
      },
    ],
  },
};

/** The developers’ function actions where `aws:ResourceTag/project-name` equals their own `project-name`. */
export const sameProjectPolicy: NamedPolicy = {
  name: 'DeveloperSameProjectPolicy',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllActionsLambdaSameProject',
        Effect: 'Allow',
        Action: [
          'lambda:DeleteFunction',
          'lambda:GetAlias',
          'lambda:GetFunction',
          'lambda:GetFunctionConfiguration',
          'lambda:GetPolicy',
          'lambda:InvokeFunction',
          'lambda:ListAliases',
          'lambda:ListTags',
          'lambda:ListVersionsByFunction',
          'lambda:PublishVersion',
          'lambda:PutFunctionConcurrency',
          'lambda:UpdateAlias',
          'lambda:UpdateFunctionCode',
          'lambda:UpdateFunctionConfiguration',
        ],
        Resource: 'arn:aws:lambda:*:*:function:*',
        Condition: {
          StringEquals: {
            'aws:ResourceTag/project-name': '${aws:PrincipalTag/project-name}',
          },
        },
      },
    ],
  },
};

/** CreateFunction and TagResource only with the developer’s `project-name` request tag and no other key. */
export const createTaggedPolicy: NamedPolicy = {
  name: 'DeveloperCreateTaggedPolicy',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowLambdaTagOnCreate',
        Effect: 'Allow',
        Action: ['lambda:CreateFunction', 'lambda:TagResource'],
        Resource: 'arn:aws:lambda:*:*:function:*',
        Condition: {
          StringEquals: {
            'aws:RequestTag/project-name': '${aws:PrincipalTag/project-name}',
          },
          'ForAllValues:StringEquals': {
            'aws:TagKeys': ['project-name'],
          },
        },
      },
    ],
  },
};

/** The manager’s reads where both `organization` and `cost-center` equal its own. */
export const managerPolicy: NamedPolicy = {
  name: 'ManagerReadPolicy',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllActionsLambdaManager',
        Effect: 'Allow',
        Action: [
          'lambda:GetAlias',
          'lambda:GetFunction',
          'lambda:GetFunctionConcurrency',
          'lambda:GetFunctionConfiguration',
          'lambda:GetPolicy',
          'lambda:ListAliases',
          'lambda:ListTags',
          'lambda:ListVersionsByFunction',
        ],
        Resource: 'arn:aws:lambda:*:*:function:*',
        Condition: {
          StringEquals: {
            'aws:ResourceTag/organization': '${aws:PrincipalTag/organization}',
            'aws:ResourceTag/cost-center': '${aws:PrincipalTag/cost-center}',
          },
        },
      },
    ],
  },
};
