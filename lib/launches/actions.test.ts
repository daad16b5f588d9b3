import { describe, expect, it } from 'vitest';
import { isLaunchBusy, launchActions, type LaunchAction, type LaunchState } from './actions';

const state = (status: string, over: Partial<LaunchState> = {}): LaunchState => ({ status, operation: null, stackId: 'arn:stack/x', ...over });
/** The actions a state allows, and the ones it only postpones. */
function offered(s: LaunchState) {
  const actions = launchActions(s);
  const names = Object.keys(actions) as LaunchAction[];
  return {
    allowed: names.filter((a) => actions[a].allowed),
    waiting: names.filter((a) => {
      const x = actions[a];
      return !x.allowed && x.wait;
    }),
  };
}

describe('launchActions', () => {
  it('offers update, drift and delete on a complete stack', () => {
    for (const status of ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'])
      expect(offered(state(status))).toEqual({ allowed: ['update', 'detectDrift', 'delete'], waiting: [] });
  });

  it('offers nothing on a discarded preview, a launch that never started, or a deleted stack, and says why', () => {
    for (const status of ['DISCARDED', 'FAILED_TO_START', 'DELETED']) expect(offered(state(status))).toEqual({ allowed: [], waiting: [] });
    const discarded = launchActions(state('DISCARDED')).update;
    expect(discarded).toEqual({ allowed: false, wait: false, reason: 'The preview was discarded; nothing was created.' });
  });

  it('offers only discarding on an unconfirmed preview', () => {
    expect(offered(state('REVIEW_IN_PROGRESS', { operation: 'preview' }))).toEqual({ allowed: ['discardPreview'], waiting: [] });
  });

  it('postpones everything while CloudFormation works, including an operation Slipway started', () => {
    for (const s of [
      state('CREATE_IN_PROGRESS', { operation: 'create' }),
      state('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'),
      state('UPDATE_COMPLETE', { operation: 'update' }),
      state('PENDING', { stackId: null }),
    ])
      expect(offered(s)).toEqual({ allowed: [], waiting: ['update', 'detectDrift', 'delete'] });
    expect(launchActions(state('DELETE_IN_PROGRESS', { operation: 'delete' })).delete).toEqual({
      allowed: false,
      wait: true,
      reason: 'The stack is DELETE_IN_PROGRESS (delete in progress); wait until CloudFormation finishes.',
    });
  });

  it('after a failed create only delete helps; after a failed delete, delete again; a failed update rollback can still be checked for drift', () => {
    expect(offered(state('ROLLBACK_COMPLETE'))).toEqual({ allowed: ['delete'], waiting: [] });
    expect(launchActions(state('ROLLBACK_COMPLETE')).update).toMatchObject({ reason: expect.stringContaining('Delete it and launch again') });
    expect(offered(state('DELETE_FAILED'))).toEqual({ allowed: ['delete'], waiting: [] });
    expect(offered(state('UPDATE_ROLLBACK_FAILED'))).toEqual({ allowed: ['detectDrift', 'delete'], waiting: [] });
  });

  it('needs a stack for drift and delete', () => {
    expect(offered(state('CREATE_COMPLETE', { stackId: null }))).toEqual({ allowed: ['update'], waiting: [] });
  });
});

describe('isLaunchBusy', () => {
  it('counts in-progress statuses and running operations, not a parked preview', () => {
    expect(isLaunchBusy({ status: 'UPDATE_IN_PROGRESS', operation: 'update' })).toBe(true);
    expect(isLaunchBusy({ status: 'PREVIEWING', operation: 'preview' })).toBe(true);
    expect(isLaunchBusy({ status: 'REVIEW_IN_PROGRESS', operation: 'preview' })).toBe(false);
    expect(isLaunchBusy({ status: 'CREATE_COMPLETE', operation: null })).toBe(false);
  });
});
