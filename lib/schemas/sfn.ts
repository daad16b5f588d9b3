import { z } from 'zod';
import { jsonValueSchema } from '@/lib/schemas/json';
import { findJsonProblem, MAX_JSON_DEPTH } from '@/lib/json-limits';

// Inputs of the Step Functions executions API (`/api/v1/executions`), shared by route handlers and forms.

/** StartExecution's input limit: 256 KiB of UTF-8. */
export const MAX_EXECUTION_INPUT_BYTES = 256 * 1024;

// Step Functions' own rule for execution names: 1-80 characters, none of whitespace, < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /
// or control characters.
const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;
// A state machine, or one of its versions (`:3`) or aliases (`:prod`), in any partition.
const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}(?::[A-Za-z0-9_-]{1,80})?$/;

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;

export const stateMachineArnSchema = z.string().regex(STATE_MACHINE_ARN, 'Not a Step Functions state machine ARN');

export const executionNameSchema = z
  .string()
  .regex(EXECUTION_NAME, 'Use 1-80 characters without spaces, brackets, wildcards or any of " # % \\ ^ | ~ ` $ & , ; : /');

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Execution input as JSON text or any JSON value; always comes out as JSON text for StartExecution.
 * Text input is held to the same depth as a JSON request body, so it cannot nest deeper than the
 * value form (which the API checks before zod) and the pages that show it stay safe to walk.
 */
const executionInputSchema = z.union([z.string(), jsonValueSchema]).transform((value, ctx) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Input must be valid JSON' });
      return z.NEVER;
    }
    if (findJsonProblem(parsed, { allowPrototypeKey: true })) {
      ctx.addIssue({ code: 'custom', message: `Input must nest at most ${MAX_JSON_DEPTH} levels of arrays and objects` });
      return z.NEVER;
    }
  }
  if (utf8Length(text) > MAX_EXECUTION_INPUT_BYTES) {
    ctx.addIssue({ code: 'custom', message: 'Input must be at most 256 KB' });
    return z.NEVER;
  }
  return text;
});

export const startExecutionSchema = z.strictObject({
  stateMachineArn: stateMachineArnSchema,
  name: executionNameSchema.optional(),
  input: executionInputSchema,
});
export type StartExecution = z.infer<typeof startExecutionSchema>;

/** List filters as they arrive in a query string (all text); dates are ISO 8601 with an offset. */
export const listExecutionsQuerySchema = z
  .strictObject({
    stateMachineArn: stateMachineArnSchema,
    status: z.enum(EXECUTION_STATUSES).optional(),
    startedAfter: z.iso.datetime({ offset: true }).optional(),
    startedBefore: z.iso.datetime({ offset: true }).optional(),
    /** Case-insensitive substring of the execution name (filtered by us: ListExecutions cannot). */
    nameContains: z.string().trim().min(1).max(80).optional(),
    nextToken: z.string().min(1).max(3096).optional(),
    maxResults: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .refine((q) => !q.startedAfter || !q.startedBefore || Date.parse(q.startedAfter) <= Date.parse(q.startedBefore), {
    message: 'startedAfter must not be later than startedBefore',
    path: ['startedBefore'],
  });
export type ListExecutionsQuery = z.infer<typeof listExecutionsQuerySchema>;

// An execution (standard: `execution:<machine>[:<version|alias>]:<name>`) or an Express execution
// (`express:<machine>:<name>:<id>`).
const EXECUTION_ARN =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(?:execution:[A-Za-z0-9_-]{1,80}(?::[A-Za-z0-9_-]{1,80})?|express:[A-Za-z0-9_-]{1,80}:[^\s:/]{1,80}):[^\s:/]{1,80}$/u;

export const executionArnSchema = z.string().regex(EXECUTION_ARN, 'Not a Step Functions execution ARN');

/** `GET /api/v1/stepfunctions/state-machines`: the current target (switcher) unless named. */
export const stateMachinesQuerySchema = z.strictObject({
  target: z.string().trim().min(1).max(80).optional(),
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region name such as us-east-1')
    .optional(),
  /** Only the state machines a launch's outputs name (in that launch's target and region). */
  launch: z.string().trim().min(1).max(64).optional(),
});
export type StateMachinesQuery = z.infer<typeof stateMachinesQuerySchema>;

/** `GET .../executions/{arn}/history`: one page of the event table, filtered by event type and state name. */
export const executionHistoryQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(25_000).default(1),
  pageSize: z.coerce.number().int().min(10).max(500).default(100),
  type: z.string().trim().min(1).max(80).optional(),
  state: z.string().trim().min(1).max(80).optional(),
});
export type ExecutionHistoryQuery = z.infer<typeof executionHistoryQuerySchema>;

/** `POST .../executions/{arn}/stop`: optional error and cause recorded on the aborted execution. */
export const stopExecutionSchema = z.strictObject({
  error: z.string().max(256).optional(),
  cause: z.string().max(32_768).optional(),
});
export type StopExecution = z.infer<typeof stopExecutionSchema>;

/** `GET .../state-machines/{arn}/logs`: an Express machine's CloudWatch Logs (plain-term filter). */
export const expressLogsQuerySchema = z.strictObject({
  filter: z.string().trim().min(1).max(200).optional(),
  startedAfter: z.iso.datetime({ offset: true }).optional(),
  nextToken: z.string().min(1).max(4096).optional(),
});
export type ExpressLogsQuery = z.infer<typeof expressLogsQuerySchema>;
