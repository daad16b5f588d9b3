'use client';

import { useEffect } from 'react';
import { encodeEstimatorState, URL_STATE_VERSION } from '@/lib/cost/url-state';
import type { EstimatorState } from '@/lib/cost/estimator-state';

/** Query parameter that carries the whole estimator state. */
export const STATE_PARAM = 'state';

/** The path and query that reopen the estimator in this state. */
export function estimatorHref(state: EstimatorState): string {
  const encoded = encodeEstimatorState(state);
  return encoded === URL_STATE_VERSION ? '/cost' : `/cost?${STATE_PARAM}=${encoded}`;
}

/**
 * Keeps `?state=` in the address bar in step with the form, so reloading or copying the URL keeps the
 * estimate. Replaces (never pushes) history, debounced: dragging a slider must not flood the history.
 * Nothing is written until the user changes something.
 */
export function useStateInUrl(state: EstimatorState, initial: EstimatorState): void {
  useEffect(() => {
    if (state === initial) return;
    const timer = setTimeout(() => {
      const url = new URL(window.location.href);
      const encoded = encodeEstimatorState(state);
      // The state now says everything; a blueprint prefill would only be overridden by it.
      url.searchParams.delete('blueprint');
      if (encoded === URL_STATE_VERSION) url.searchParams.delete(STATE_PARAM);
      else url.searchParams.set(STATE_PARAM, encoded);
      window.history.replaceState(null, '', url);
    }, 250);
    return () => clearTimeout(timer);
  }, [state, initial]);
}
