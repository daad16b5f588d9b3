// DTOs of the ABAC pages' API, shared by the server functions that build them and the client leaves
// that draw them.

export type AbacDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export type FindingKind = 'unreachableFunction' | 'principalMatchesNothing' | 'vacuousForAllValues' | 'tagCaseMismatch' | 'retagEscalation' | 'broadWildcard';
export type FindingSeverity = 'high' | 'medium' | 'low';

/** Where a statement lives: the principal, its policy (by name and index) and the Sid. */
export type StatementRef = { principal: string; policy: string; policyIndex: number; sid: string | null; statementIndex: number };

export type AbacFinding = {
  kind: FindingKind;
  severity: FindingSeverity;
  /** ARN of the principal involved, if one. */
  principal: string | null;
  /** ARN of the function involved, if one. */
  function: string | null;
  /** The policy statement involved, if one. */
  statement: (StatementRef & { label: string }) | null;
  message: string;
};

export type MappingVia = 'resourceTag' | 'requestTag' | 'tagKeys';

export type TagMappingEdge = {
  /** The principal tag key whose value the policy substitutes, or null for fixed values. */
  principalKey: string | null;
  /** The resource (or request) tag key compared; for `tagKeys` the key a request may send. */
  resourceKey: string;
  via: MappingVia;
  effect: 'Allow' | 'Deny';
  operators: string[];
  /** Fixed values compared (empty when only principal tags are). */
  values: string[];
  /** The statements behind the edge, once per policy statement, with the principals that carry it. */
  statements: (Omit<StatementRef, 'principal'> & { label: string; principals: string[] })[];
};

export type TagMappings = { principalKeys: string[]; resourceKeys: string[]; edges: TagMappingEdge[] };

export type InventoryStamp = { target: { id: string; name: string }; region: string; readAt: string };

/** One cell of the paged matrix; for "all actions" `allowed` counts the allowed actions of `of`. */
export type GridCell = { decision: AbacDecision; allowed: number; of: number };

export type GridPrincipal = { arn: string; kind: 'role' | 'user'; name: string; tags: Record<string, string>; group: string };
export type GridFunction = { arn: string; name: string; tags: Record<string, string>; group: string };

export type AbacGrid = InventoryStamp & {
  action: string;
  principals: GridPrincipal[];
  functions: GridFunction[];
  /** `cells[row][col]` for the page's principals and functions. */
  cells: GridCell[][];
  totals: { principals: number; functions: number; allPrincipals: number; allFunctions: number };
  offsets: { row: number; col: number };
  problems: { where: string; problem: string }[];
};

export type ExplainedCondition = {
  operator: string;
  key: string;
  values: string[];
  resolved: { values: (string | null)[]; keyValues: string[] | null };
  result: boolean;
};

export type ExplainedDecision = {
  action: string;
  decision: AbacDecision;
  decidingStatements: { policy: string; kind: 'identity' | 'permissionsBoundary' | 'resourcePolicy'; sid: string | null; effect: 'Allow' | 'Deny' }[];
  conditions: ExplainedCondition[];
};

export type AbacExplanation = InventoryStamp & {
  principal: { arn: string; name: string; tags: Record<string, string> };
  function: { arn: string; name: string; tags: Record<string, string> };
  decisions: ExplainedDecision[];
};

export type WhatIfChange = { principal: string; function: string; before: AbacDecision; after: AbacDecision };

export type AbacWhatIf = InventoryStamp & {
  action: string;
  counts: { before: Record<AbacDecision, number>; after: Record<AbacDecision, number> };
  /** Every cell whose decision differs, principals and functions by ARN. */
  changes: WhatIfChange[];
  createFunction: { principal: string; name: string; decision: AbacDecision; decidingStatements: ExplainedDecision['decidingStatements'] }[] | null;
};

/** One action of a cell as the portal decides it and as IAM's SimulatePrincipalPolicy does. */
export type VerifiedDecision = {
  action: string;
  /** The portal's decision from the principal's identity policies and boundary (what IAM's simulation evaluates). */
  portal: AbacDecision;
  /** IAM's decision, or null when IAM returned no result for the action. */
  aws: AbacDecision | null;
  agrees: boolean;
  /** Names of the policies that decided it, on each side. */
  portalPolicies: string[];
  awsPolicies: string[];
  /** Context keys IAM says the policies use and the request did not carry. */
  missingContextValues: string[];
  /** The matrix's decision when the function's resource policy changes it (IAM's simulation leaves resource policies out), else null. */
  withResourcePolicy: AbacDecision | null;
};

export type AbacVerification = InventoryStamp & {
  principal: { arn: string; name: string };
  function: { arn: string; name: string };
  /** Every action agrees. */
  agrees: boolean;
  results: VerifiedDecision[];
};

/** One of a team's launched functions with the team's launched roles that reach it. */
export type TeamReachRow = { function: { arn: string; name: string }; via: { role: { arn: string; name: string }; actions: string[] }[] };

/** A team's reach on one target and region (or why it could not be read). */
export type TeamReach = { target: { id: string; name: string }; region: string; readAt: string | null; rows: TeamReachRow[]; error: string | null };
