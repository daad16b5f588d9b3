// Launch DTOs shared by the API, the pages and the worker.

export type StackEventDto = {
  eventId: string;
  timestamp: string;
  logicalId: string;
  physicalId: string | null;
  resourceType: string;
  status: string;
  reason: string | null;
};

export type ResourceChangeDto = {
  action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic' | 'SyncWithActual' | string;
  logicalId: string;
  physicalId: string | null;
  resourceType: string;
  /** Modify only: True (replaced), False (in place), Conditional (may be replaced); null for adds and removals. */
  replacement: 'True' | 'False' | 'Conditional' | null;
  /** What changes on a Modify: Properties, Metadata, Tags, ... */
  scope: string[];
  /** Property names that change, when CloudFormation says. */
  properties: string[];
  /** The changing properties that replace the resource (True) or may (Conditional); absent in previews stored before it existed. */
  replacingProperties?: string[];
};

/** How the preview words a change's replacement. */
export function replacementLabel(replacement: ResourceChangeDto['replacement']): string | null {
  if (replacement === 'True') return 'replaced';
  if (replacement === 'Conditional') return 'may be replaced';
  if (replacement === 'False') return 'in place';
  return null;
}

export type StackOutputDto = { key: string; value: string; description: string | null };

export type StackResourceDto = {
  logicalId: string;
  physicalId: string | null;
  resourceType: string;
  status: string;
  reason: string | null;
  consoleUrl: string | null;
};

export type LaunchStatusTone = 'progress' | 'good' | 'bad' | 'neutral';

/** How a CloudFormation stack status reads: in progress, done, failed, rolled back. */
export function statusTone(status: string): LaunchStatusTone {
  if (status.endsWith('_IN_PROGRESS') || status === 'PENDING') return 'progress';
  if (status.includes('ROLLBACK') || status.endsWith('_FAILED') || status === 'FAILED_TO_START') return 'bad';
  if (status.endsWith('_COMPLETE') || status === 'DELETED') return 'good';
  return 'neutral';
}

/** True once CloudFormation has finished with the stack (nothing more will happen on its own). */
export function isTerminalStatus(status: string): boolean {
  return !status.endsWith('_IN_PROGRESS') || status === 'REVIEW_IN_PROGRESS';
}

export type LaunchSummaryDto = {
  id: string;
  stackName: string;
  status: string;
  statusReason: string | null;
  operation: string | null;
  blueprint: { slug: string; version: string; title: string; latestVersion: string | null; versionsBehind: number };
  team: { id: string; slug: string; name: string };
  target: { id: string; name: string; accountId: string; isSandbox: boolean };
  region: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

/** `GET /api/v1/launches`: a page, newest first; `nextCursor` asks for the next (older) page, null at the end. */
export type LaunchPageDto = { launches: LaunchSummaryDto[]; nextCursor: string | null };

/** What the launches page's filters offer: every value among the launches in scope, not only the page shown. */
export type LaunchFilterOptionsDto = {
  blueprints: string[];
  statuses: string[];
  /** [id, name] */
  targets: [string, string][];
};

export type LaunchDetailDto = LaunchSummaryDto & {
  stackId: string | null;
  parameters: Record<string, string>;
  secretParameters: string[];
  tags: Record<string, string>;
  outputs: StackOutputDto[];
  events: StackEventDto[];
  /** The function builds of the last preview of this launch (a failed one explains FAILED_TO_START). */
  builds: FunctionBuildProgressDto[];
  progress: { done: number; total: number; failed: number };
  firstFailure: StackEventDto | null;
  resources: StackResourceDto[];
  dashboards: { kind: string; label: string; href: string }[];
  pendingChanges: ResourceChangeDto[] | null;
  blockers: { logicalId: string; resourceType: string; reason: string; fix: string }[];
  /** Resources a delete left in the account on purpose (DeletionPolicy: Retain, or kept on a retry). */
  retained: { logicalId: string; resourceType: string; physicalId: string | null; consoleUrl: string | null; fix: string }[];
};

/** What the build step did for one function before the change set (see server/builds). */
export type FunctionBuildDto = {
  functionId: string;
  runtime: string;
  tool: 'esbuild' | 'pip';
  /** True when the artefact came from the build cache and no tool ran. */
  cached: boolean;
  sizeBytes: number;
  durationMs: number;
};

/** Where one function's build is while a preview runs, and how it ended (see server/builds). */
export type FunctionBuildStatus = 'pending' | 'building' | 'built' | 'cached' | 'failed';

/** One function's build as the launch pages follow it: recorded on the launch as each build moves on. */
export type FunctionBuildProgressDto = {
  functionId: string;
  runtime: string;
  tool: 'esbuild' | 'pip';
  status: FunctionBuildStatus;
  /** Size of the built zip, once built or read from the cache. */
  sizeBytes: number | null;
  durationMs: number | null;
  /** The build tool's message when the build failed. */
  error: string | null;
};

/** A stack's function builds while its preview runs (`launchId` null before the launch is claimed). */
export type LaunchBuildProgressDto = {
  launchId: string | null;
  status: string | null;
  builds: FunctionBuildProgressDto[];
};

export type LaunchPreviewDto = {
  previewId: string;
  stackName: string;
  changeSetType: 'CREATE' | 'UPDATE';
  changes: ResourceChangeDto[];
  capabilities: string[];
  parameters: Record<string, string>;
  tags: Record<string, string>;
  costEstimate: { monthlyUsd: number; summary: string } | null;
  /** Functions built for this preview; empty when nothing needed a build or the preview already existed. */
  builds: FunctionBuildDto[];
};
