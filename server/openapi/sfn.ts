import 'server-only';
import { awsErrors, registerOperations } from '@/server/openapi/registry';
import {
  executionHistoryQuerySchema,
  expressLogsQuerySchema,
  listExecutionsQuerySchema,
  startExecutionSchema,
  stateMachinesQuerySchema,
  stopExecutionSchema,
} from '@/lib/schemas/sfn';

// The Step Functions executions dashboard's operations (app/api/v1/stepfunctions/...). ARNs in paths are
// one URL-encoded segment: /api/v1/stepfunctions/executions/arn%3Aaws%3Astates%3A...
registerOperations(
  {
    operationId: 'listStateMachines',
    method: 'GET',
    path: '/api/v1/stepfunctions/state-machines',
    summary:
      "State machines of a target and region (default: the caller's current target): name, type, creation date, counts by status over the newest 100 executions, the newest failure. `launch` keeps only the machines that launch's outputs name",
    tag: 'stepfunctions',
    query: stateMachinesQuerySchema,
    errors: { 404: 'No such target that your teams may use', ...awsErrors },
  },
  {
    operationId: 'getStateMachineLogs',
    method: 'GET',
    path: '/api/v1/stepfunctions/state-machines/{arn}/logs',
    summary:
      "An Express state machine's CloudWatch Logs (Express workflows keep no execution history): the newest 200 events of the last day, or after startedAfter, matching a plain-term filter",
    tag: 'stepfunctions',
    query: expressLogsQuerySchema,
    errors: awsErrors,
  },
  {
    operationId: 'listExecutions',
    method: 'GET',
    path: '/api/v1/stepfunctions/executions',
    summary:
      'Executions of a state machine, newest first. status is filtered by Step Functions; nameContains and the startedAfter/startedBefore range by Slipway over up to 1,000 executions per request (scanLimited says the next page continues the scan). Page with nextToken',
    tag: 'stepfunctions',
    query: listExecutionsQuerySchema,
    errors: { 404: 'No such state machine, or no target your teams may use covers its account and region', ...awsErrors },
  },
  {
    operationId: 'startExecution',
    method: 'POST',
    path: '/api/v1/stepfunctions/executions',
    summary:
      'Start an execution: { stateMachineArn, name?, input } (input as JSON text or any JSON value; a name is generated when absent) -> { executionArn, name, startDate }. Needs the developer role in a team that may use the target; audited; the input is offered again as one of your last five',
    tag: 'stepfunctions',
    body: startExecutionSchema,
    bodyExample: {
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:ec2-state-change-enrichment',
      name: 'replay-i-0abc123',
      input: { detail: { 'instance-id': 'i-0abc1234567890def', state: 'stopped' } },
    },
    responses: { 201: 'Started' },
    errors: {
      404: 'No such state machine, or no target your teams may use covers its account and region',
      409: 'An execution with that name exists (`fields.name`)',
      ...awsErrors,
    },
  },
  {
    operationId: 'getExecution',
    method: 'GET',
    path: '/api/v1/stepfunctions/executions/{arn}',
    summary:
      'One execution: { status, input, output, error, cause, startDate, stopDate, states: [{ nodeId, name, type, status, visits: [{ enteredAt, exitedAt, durationMs, input, output, error, cause, retries, ... }] }], graph: { nodes, edges } (ELK positions, status per node, taken edges), banner, timeline, definition }. Statuses: notRun, inProgress, succeeded, failed, caughtError, cancelled',
    tag: 'stepfunctions',
    responses: { 200: 'The execution' },
    errors: { 400: 'An Express execution (no history: read the state machine logs)', 404: 'No such execution', ...awsErrors },
  },
  {
    operationId: 'stopExecution',
    method: 'POST',
    path: '/api/v1/stepfunctions/executions/{arn}/stop',
    summary:
      'Stop a running execution (it ends ABORTED with the optional error and cause). Needs the developer role in a team that may use the target; audited',
    tag: 'stepfunctions',
    body: stopExecutionSchema,
    bodyExample: { error: 'Operator.Cancelled', cause: 'Replayed with the wrong input' },
    errors: { 400: 'An Express execution (they cannot be stopped)', ...awsErrors },
  },
  {
    operationId: 'getExecutionHistory',
    method: 'GET',
    path: '/api/v1/stepfunctions/executions/{arn}/history',
    summary: 'One page of the execution history (up to 25,000 events) as table rows with the state each event belongs to; filter by event type and state name',
    tag: 'stepfunctions',
    query: executionHistoryQuerySchema,
    errors: awsErrors,
  },
);
