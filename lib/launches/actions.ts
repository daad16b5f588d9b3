// What may be done with a launch in its current state. The launch page offers exactly these, and the
// server's update, delete and drift guards refuse the rest with the same reason, so the two agree.

export type LaunchAction = 'update' | 'detectDrift' | 'delete' | 'discardPreview';

export type ActionAvailability =
  | { allowed: true }
  /** `wait`: CloudFormation is still working and the action comes back by itself; otherwise this state never allows it. */
  | { allowed: false; wait: boolean; reason: string };

export type LaunchState = { status: string; operation: string | null; stackId: string | null };

const UPDATABLE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE']);
// CloudFormation's own list for DetectStackDrift.
const DRIFT_CHECKABLE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_FAILED']);
const DELETABLE = new Set([
  ...UPDATABLE,
  'ROLLBACK_COMPLETE',
  'CREATE_FAILED',
  'ROLLBACK_FAILED',
  'DELETE_FAILED',
  'UPDATE_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
]);

/** Slipway's own states in which no stack exists, or none ever will for this launch, with what to tell the reader. */
const FINISHED: Record<string, string> = {
  DISCARDED: 'The preview was discarded; nothing was created.',
  FAILED_TO_START: 'The launch never started; nothing was created.',
  DELETED: 'The stack is deleted.',
};

/** Statuses of launches whose stacks are gone or never existed: every other launch is live (it may hold resources). */
export const FINISHED_LAUNCH_STATUSES: readonly string[] = Object.keys(FINISHED);

const ok: ActionAvailability = { allowed: true };
const never = (reason: string): ActionAvailability => ({ allowed: false, wait: false, reason });
const later = (reason: string): ActionAvailability => ({ allowed: false, wait: true, reason });

/** True while CloudFormation (or Slipway, before CloudFormation answers) is working on the launch. */
export function isLaunchBusy({ status, operation }: Pick<LaunchState, 'status' | 'operation'>): boolean {
  if (status === 'REVIEW_IN_PROGRESS') return false;
  return status.endsWith('_IN_PROGRESS') || status === 'PENDING' || status === 'PREVIEWING' || (operation !== null && operation !== 'preview');
}

/** Every action, allowed or not (and why), for a launch in `state`. */
export function launchActions(state: LaunchState): Record<LaunchAction, ActionAvailability> {
  const { status } = state;
  const finished = FINISHED[status];
  if (finished) return { update: never(finished), detectDrift: never(finished), delete: never(finished), discardPreview: never(finished) };
  if (status === 'REVIEW_IN_PROGRESS') {
    const preview = never('The launch is an unconfirmed preview: launch it from the form, or discard it.');
    return { update: preview, detectDrift: preview, delete: preview, discardPreview: ok };
  }
  const notPreview = never('Only an unconfirmed preview can be discarded.');
  if (isLaunchBusy(state)) {
    const busy = later(`The stack is ${status}${state.operation ? ` (${state.operation} in progress)` : ''}; wait until CloudFormation finishes.`);
    return { update: busy, detectDrift: busy, delete: busy, discardPreview: notPreview };
  }
  return {
    update: UPDATABLE.has(status)
      ? ok
      : never(
          status === 'ROLLBACK_COMPLETE' || status === 'ROLLBACK_FAILED' || status === 'CREATE_FAILED'
            ? `The stack is ${status}: CloudFormation cannot update a stack whose creation failed. Delete it and launch again.`
            : `The stack is ${status}: CloudFormation cannot update it in this state.`,
        ),
    detectDrift:
      state.stackId && DRIFT_CHECKABLE.has(status)
        ? ok
        : never(`The stack is ${status}: CloudFormation detects drift on complete stacks (and after a failed update rollback) only.`),
    delete: state.stackId && DELETABLE.has(status) ? ok : never(`The stack is ${status}: it cannot be deleted in this state.`),
    discardPreview: notPreview,
  };
}
