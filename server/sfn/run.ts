import 'server-only';
import { AppError, isAppError } from '@/server/errors';
import { recordAudit } from '@/server/audit/queries';
import { startExecution, stopExecution } from '@/server/aws/sfn';
import { requireSfnAccess } from '@/server/sfn/access';
import { accessFor, actingTeamId, owningTeamIds, refusalMessage } from '@/server/tenancy/ownership';
import { rememberRecentInput } from '@/server/sfn/queries';
import { isExpressExecutionArn } from '@/lib/sfn/arn';
import { generateExecutionName } from '@/server/sfn/execution-name';
import { utf8ByteLength } from '@/lib/sfn/json-text';
import type { StartExecution, StopExecution } from '@/lib/schemas/sfn';
import type { Actor } from '@/server/auth/actor';
import type { SfnResourceAccess } from '@/server/sfn/access';

// Starting and stopping executions: developers of a team that owns the state machine (or platform
// admins); every attempt is audited (the input itself is not: it may hold anything, so only its size
// goes in the log).

const RESOURCE_TYPE = 'sfn-execution';

/** Refuses (and audits the refusal, under the owning team) unless the actor may act on the state machine; returns the acting team. */
async function requireOperator(
  actor: Actor,
  sfnTarget: SfnResourceAccess,
  what: string,
  action: string,
  resourceId: string,
  details: Record<string, unknown>,
): Promise<string | null> {
  if (accessFor(actor, sfnTarget.owner).canOperate) return actingTeamId(actor, sfnTarget.owner) ?? owningTeamIds(sfnTarget.owner)[0] ?? null;
  await recordAudit({
    actor,
    action,
    resourceType: RESOURCE_TYPE,
    resourceId,
    teamId: owningTeamIds(sfnTarget.owner)[0] ?? null,
    outcome: 'refused',
    details,
  });
  throw new AppError('FORBIDDEN', refusalMessage(sfnTarget.owner, 'operate', what), { details: { owner: sfnTarget.owner } });
}

/** Starts an execution (named, generating a name when none is given), remembers the input for the actor, audits. */
export async function startExecutionFor(actor: Actor, request: StartExecution): Promise<{ executionArn: string; name: string; startDate: string }> {
  const sfnTarget = await requireSfnAccess(actor, request.stateMachineArn, 'list', 'start executions');
  const name = request.name ?? generateExecutionName();
  const details = {
    stateMachineArn: request.stateMachineArn,
    name,
    inputBytes: utf8ByteLength(request.input),
    target: sfnTarget.target.name,
    region: sfnTarget.region,
  };
  const teamId = await requireOperator(actor, sfnTarget, 'start executions', 'sfn.execution.start', request.stateMachineArn, details);
  try {
    const started = await startExecution(sfnTarget.ref, { stateMachineArn: request.stateMachineArn, name, input: request.input });
    await recordAudit({
      actor,
      action: 'sfn.execution.start',
      resourceType: RESOURCE_TYPE,
      resourceId: started.executionArn,
      teamId,
      outcome: 'success',
      details,
    });
    await rememberRecentInput(actor.userId, request.stateMachineArn, request.input);
    return { executionArn: started.executionArn, name, startDate: started.startDate };
  } catch (err) {
    await recordAudit({
      actor,
      action: 'sfn.execution.start',
      resourceType: RESOURCE_TYPE,
      resourceId: request.stateMachineArn,
      teamId,
      outcome: 'failure',
      details: { ...details, error: isAppError(err) ? err.message : 'unexpected error' },
    });
    throw err;
  }
}

/** Stops a running execution (it ends ABORTED with the given error/cause), audits. */
export async function stopExecutionFor(actor: Actor, executionArn: string, request: StopExecution): Promise<{ executionArn: string; stopDate: string }> {
  if (isExpressExecutionArn(executionArn)) throw new AppError('BAD_REQUEST', 'Express executions cannot be stopped: they finish within five minutes.');
  const sfnTarget = await requireSfnAccess(actor, executionArn, 'list', 'stop executions');
  const details = { target: sfnTarget.target.name, region: sfnTarget.region, error: request.error ?? null };
  const teamId = await requireOperator(actor, sfnTarget, 'stop executions', 'sfn.execution.stop', executionArn, details);
  try {
    const stopped = await stopExecution(sfnTarget.ref, {
      executionArn,
      ...(request.error ? { error: request.error } : {}),
      cause: request.cause ?? `Stopped from Slipway by ${actor.email}.`,
    });
    await recordAudit({ actor, action: 'sfn.execution.stop', resourceType: RESOURCE_TYPE, resourceId: executionArn, teamId, outcome: 'success', details });
    return { executionArn, stopDate: stopped.stopDate };
  } catch (err) {
    await recordAudit({
      actor,
      action: 'sfn.execution.stop',
      resourceType: RESOURCE_TYPE,
      resourceId: executionArn,
      teamId,
      outcome: 'failure',
      details: { ...details, failure: isAppError(err) ? err.message : 'unexpected error' },
    });
    throw err;
  }
}
