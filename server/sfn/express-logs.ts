import 'server-only';
import { isAppError } from '@/server/errors';
import { describeStateMachine } from '@/server/aws/sfn';
import { filterLogEvents } from '@/server/aws/logs';
import { requireSfnAccess } from '@/server/sfn/access';
import { logGroupNameFromArn } from '@/lib/sfn/arn';
import { newestFirst, toExpressLogEvent } from '@/server/sfn/express-log-events';
import type { ExpressLogsDto } from '@/lib/sfn/dto';
import type { ExpressLogsQuery } from '@/lib/schemas/sfn';
import type { Actor } from '@/server/auth/actor';

const DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;
const LIMIT = 200;

/** What an Express state machine's CloudWatch Logs hold (its only record of executions), newest first. */
export async function getExpressLogs(actor: Actor, stateMachineArn: string, query: ExpressLogsQuery): Promise<ExpressLogsDto> {
  const { ref } = await requireSfnAccess(actor, stateMachineArn, 'read', 'read its logs');
  const { logging } = await describeStateMachine(ref, stateMachineArn);
  const logGroupName = logging.logGroupArn ? logGroupNameFromArn(logging.logGroupArn) : null;
  if (logging.level === 'OFF' || !logGroupName) {
    return {
      logGroupName,
      level: logging.level,
      events: [],
      nextToken: null,
      note: 'Logging is off for this state machine. Express workflows record their executions only in CloudWatch Logs: set its logging level to ALL (with execution data) to see them here.',
    };
  }
  try {
    const page = await filterLogEvents(ref, {
      logGroupName,
      limit: LIMIT,
      startTime: query.startedAfter ? Date.parse(query.startedAfter) : Date.now() - DEFAULT_WINDOW_MS,
      ...(query.filter ? { filterPattern: query.filter } : {}),
      ...(query.nextToken ? { nextToken: query.nextToken } : {}),
    });
    const events = newestFirst(page.events.map(toExpressLogEvent));
    let note: string | null = null;
    if (!events.length) note = `No log events in this period${query.filter ? ` matching "${query.filter}"` : ''}.`;
    return { logGroupName, level: logging.level, events, nextToken: page.nextToken, note };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') {
      return {
        logGroupName,
        level: logging.level,
        events: [],
        nextToken: null,
        note: `The log group ${logGroupName} does not exist (yet): nothing has been logged.`,
      };
    }
    throw err;
  }
}
