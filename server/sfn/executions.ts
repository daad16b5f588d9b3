import 'server-only';
import { AppError } from '@/server/errors';
import { listExecutionsPage } from '@/server/aws/sfn';
import { requireSfnAccess } from '@/server/sfn/access';
import { collectExecutionsPage, decodeListCursor } from '@/server/sfn/execution-filters';
import type { ExecutionListDto } from '@/lib/sfn/dto';
import type { ListExecutionsQuery } from '@/lib/schemas/sfn';
import type { Actor } from '@/server/auth/actor';

/** Executions of a state machine, newest first: status filtered by AWS, name and time range by us; paged by nextToken. */
export async function listExecutions(actor: Actor, query: ListExecutionsQuery): Promise<ExecutionListDto> {
  const cursor = query.nextToken ? decodeListCursor(query.nextToken) : null;
  if (query.nextToken && !cursor)
    throw new AppError('VALIDATION', 'nextToken is not one this API handed out.', { fields: { nextToken: ['is not a valid page token'] } });
  const { ref } = await requireSfnAccess(actor, query.stateMachineArn, 'read', 'list its executions');
  return collectExecutionsPage(
    (awsToken, maxResults) => listExecutionsPage(ref, { stateMachineArn: query.stateMachineArn, status: query.status, maxResults, nextToken: awsToken }),
    { startedAfter: query.startedAfter, startedBefore: query.startedBefore, nameContains: query.nameContains },
    { pageSize: query.maxResults, cursor },
  );
}
