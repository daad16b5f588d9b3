/**
 * JSON shapes the catalog pages and `/api/v1/blueprints/...` return. Isomorphic: no server code here.
 * `server/blueprints/schema.ts` checks at compile time that its zod-inferred types stay assignable
 * to these, so the two cannot drift apart.
 */

import type { ParameterRule } from '@/lib/launches/parameter-rules';

export const BLUEPRINT_CATEGORIES = [
  'event-driven',
  'messaging',
  'orchestration',
  'frontend',
  'security',
  'streaming',
  'integration',
  'modernization',
  'observability',
  'developer-tools',
] as const;
export type BlueprintCategory = (typeof BLUEPRINT_CATEGORIES)[number];

/** AWS's content levels: 100 introductory … 400 expert. */
export const BLUEPRINT_LEVELS = [100, 200, 300, 400] as const;
export type BlueprintLevel = (typeof BLUEPRINT_LEVELS)[number];

export const DASHBOARD_KINDS = ['stepfunctions', 'sns-audit', 'kafka', 'abac', 'cost'] as const;
export type DashboardKind = (typeof DASHBOARD_KINDS)[number];

/** Where a Slipway dashboard finds its resources in a launched stack (output or parameter names). */
export type BlueprintDashboardDto =
  | { kind: 'stepfunctions'; stateMachineArnOutput: string; title?: string }
  | { kind: 'sns-audit'; topicArnOutput: string; auditLogGroupOutput?: string }
  | {
      kind: 'kafka';
      clusterArnParameter: string;
      topicParameter?: string;
      consumerGroupIdParameter?: string;
    }
  | { kind: 'abac'; roleArnOutputs: string[]; functionArnOutputs: string[]; tagKeys: string[] }
  | { kind: 'cost'; functionNameOutputs?: string[] };

export type LambdaArchitecture = 'x86_64' | 'arm64';

/** Estimator inputs for a function invoked at a steady rate. */
export interface LambdaCostProfileDto {
  kind: 'lambda';
  memoryMb: number;
  durationMs: number;
  invocationsPerMonth: number;
  architecture: LambdaArchitecture;
  ephemeralStorageMb?: number;
  /** Estimator input name → template parameter that sets it (e.g. memoryMb → FunctionMemory). */
  parameterMap: Partial<Record<string, string>>;
}

/** Inputs of the SQS batch model: time = warmLatencyMs + perMessageMs × N; memory grows per batchIncrement. */
export interface SqsBatchCostProfileDto {
  kind: 'sqs-batch';
  messagesPerDay: number;
  batchSize: number;
  baseMemoryMb: number;
  batchMemoryOverheadMb: number;
  batchIncrement: number;
  warmLatencyMs: number;
  perMessageMs: number;
  messageSizeKb: number;
  architecture: LambdaArchitecture;
  parameterMap: Partial<Record<string, string>>;
}

/** State transitions drive Standard workflow cost; Express bills per request and duration. */
export interface StepFunctionsCostProfileDto {
  kind: 'stepfunctions';
  workflowType: 'STANDARD' | 'EXPRESS';
  executionsPerMonth: number;
  transitionsPerExecution: number;
  /** Express only: average duration and memory the estimator bills. */
  durationMs?: number;
  memoryMb?: number;
  parameterMap: Partial<Record<string, string>>;
}

/** A queue without a consumer in the stack: SQS requests only (send, receive and delete per message). */
export interface SqsCostProfileDto {
  kind: 'sqs';
  messagesPerDay: number;
  messageSizeKb: number;
  /** API requests per message, e.g. 3 for send + receive + delete. */
  requestsPerMessage: number;
  parameterMap: Partial<Record<string, string>>;
}

/** Nothing billed per use (IAM roles and policies only); `note` says why. */
export interface NoCostProfileDto {
  kind: 'none';
  note: string;
}

export type BlueprintCostProfileDto =
  | LambdaCostProfileDto
  | SqsBatchCostProfileDto
  | StepFunctionsCostProfileDto
  | SqsCostProfileDto
  | NoCostProfileDto;

export type BlueprintSandboxDto = { deployable: true } | { deployable: false; reason: string };

export interface BlueprintChangelogEntryDto {
  version: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  changes: string[];
}

export interface BlueprintSourcePostDto {
  title: string;
  authors: string[];
  url?: string;
}

/** Everything blueprint.yaml says, validated. */
export interface BlueprintMetadataDto {
  slug: string;
  version: string;
  changelog: BlueprintChangelogEntryDto[];
  title: string;
  summary: string;
  source: BlueprintSourcePostDto;
  services: string[];
  category: BlueprintCategory;
  level: BlueprintLevel;
  tags: string[];
  parameters: {
    groups?: { label: string; parameters: string[] }[];
    fields: Record<string, { label?: string; help?: string }>;
    rules?: ParameterRule[];
  };
  outputs: Record<string, { meaning: string }>;
  dashboards: BlueprintDashboardDto[];
  cost: BlueprintCostProfileDto;
  sandbox: BlueprintSandboxDto;
  sandboxParameters?: Record<string, string>;
}

/** One row of the catalog. */
export interface BlueprintSummaryDto {
  slug: string;
  version: string;
  title: string;
  summary: string;
  category: BlueprintCategory;
  level: BlueprintLevel;
  services: string[];
  tags: string[];
  dashboards: DashboardKind[];
  sandboxReady: boolean;
  source: BlueprintSourcePostDto;
}

export type CfnCapability = 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | 'CAPABILITY_AUTO_EXPAND';

/** A JSON value as it appears in a template (intrinsics in their long form). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface TemplateParameterDto {
  name: string;
  type: string;
  /** From blueprint.yaml, else the template's interface label, else the name. */
  label: string;
  /** Interface group label; undefined when the parameter is in no group. */
  group?: string;
  /** blueprint.yaml help, else the template Description. */
  help?: string;
  description?: string;
  default?: string;
  allowedValues?: string[];
  allowedPattern?: string;
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  constraintDescription?: string;
  noEcho: boolean;
  /** No default: the person launching must supply a value. */
  required: boolean;
}

export interface TemplateParameterGroupDto {
  label: string;
  parameters: string[];
}

export interface TemplateOutputDto {
  name: string;
  description?: string;
  /** What the output is for, from blueprint.yaml. */
  meaning?: string;
  exportName?: JsonValue;
  condition?: string;
}

export interface TemplateResourceDto {
  logicalId: string;
  type: string;
  service: string;
  dependsOn: string[];
  condition?: string;
  properties: { [key: string]: JsonValue };
}

export interface TemplateModelDto {
  description?: string;
  parameters: TemplateParameterDto[];
  parameterGroups: TemplateParameterGroupDto[];
  outputs: TemplateOutputDto[];
  resources: TemplateResourceDto[];
  /** Capabilities CreateStack must acknowledge, nested templates included. */
  capabilities: CfnCapability[];
}

export const GRAPH_EDGE_KINDS = ['reference', 'dependsOn', 'event', 'invoke', 'contains', 'permission'] as const;
export type GraphEdgeKind = (typeof GRAPH_EDGE_KINDS)[number];

export interface GraphNodeDto {
  /** Logical id; resources of nested stacks are prefixed with the stack's id and a slash. */
  id: string;
  type: string;
  service: string;
  label: string;
  /** The nested-stack node this resource belongs to. */
  parent?: string;
}

export interface GraphEdgeDto {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  label?: string;
}

export interface ArchitectureGraphDto {
  nodes: GraphNodeDto[];
  edges: GraphEdgeDto[];
}

/** One resource of the diagram as written in its template, for the diagram's side panel. */
export interface GraphResourceDetailDto {
  /** The graph node id. */
  id: string;
  logicalId: string;
  type: string;
  service: string;
  /** The template file in the blueprint folder, e.g. `template.yaml` or `stacks/db.yaml`. */
  file: string;
  /** First and last line of the resource in that file (1-based); null when they cannot be found. */
  lines: { start: number; end: number } | null;
  /** Those lines as highlighted HTML (escaped by highlight.js), one string per line. */
  sourceLines: string[];
  properties: { [key: string]: JsonValue };
  dependsOn: string[];
  condition?: string;
}

export interface NestedTemplateSourceDto {
  /** Path relative to the blueprint folder, e.g. `stacks/db.yaml`. */
  path: string;
  source: string;
}

/** One blueprint page: metadata, the template model and graph, the README and the raw template. */
export interface BlueprintDetailDto {
  metadata: BlueprintMetadataDto;
  model: TemplateModelDto;
  graph: ArchitectureGraphDto;
  /** Each graph node's resource as written, keyed by node id. */
  resources: Record<string, GraphResourceDetailDto>;
  readme: string;
  templateSource: string;
  nestedTemplates: NestedTemplateSourceDto[];
}

/** A problem found while loading a blueprint: which file, which field, what is wrong. */
export interface BlueprintIssueDto {
  slug: string;
  file: string;
  field: string;
  message: string;
}

export interface BlueprintSearchQuery {
  q?: string;
  service?: string;
  category?: BlueprintCategory;
  dashboard?: DashboardKind;
  sandboxReady?: boolean;
}
