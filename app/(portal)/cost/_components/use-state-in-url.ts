'use client';

import { useEffect, useRef } from 'react';
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
 * Nothing is written until the user changes something. A write still pending when the reader follows
 * a link is made at once, before the router starts that navigation: written later, it would land in
 * the middle of it and the router would go back to the estimator.
 */
export function useStateInUrl(state: EstimatorState, initial: EstimatorState): void {
  const pending = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (state === initial) return;
    const write = () => {
      pending.current = null;
      const url = new URL(window.location.href);
      const encoded = encodeEstimatorState(state);
      // The state now says everything; a blueprint or launch prefill would only be overridden by it.
      url.searchParams.delete('blueprint');
      url.searchParams.delete('launch');
      if (encoded === URL_STATE_VERSION) url.searchParams.delete(STATE_PARAM);
      else url.searchParams.set(STATE_PARAM, encoded);
      window.history.replaceState(null, '', url);
    };
    const timer = setTimeout(write, 250);
    const flush = () => {
      clearTimeout(timer);
      write();
    };
    pending.current = flush;
    return () => {
      clearTimeout(timer);
      if (pending.current === flush) pending.current = null;
    };
  }, [state, initial]);

  useEffect(() => {
    // Capture phase on the document runs before React's (and so the router's) click handling.
    const flushBeforeNavigating = (event: MouseEvent) => {
      if (pending.current && event.target instanceof Element && event.target.closest('a[href]')) pending.current();
    };
    document.addEventListener('click', flushBeforeNavigating, true);
    return () => document.removeEventListener('click', flushBeforeNavigating, true);
  }, []);
}
