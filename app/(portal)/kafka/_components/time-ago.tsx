'use client';

import { useSyncExternalStore } from 'react';
import { formatDateTime, formatTime } from '@/lib/date-time';
import { formatAgo } from '@/lib/kafka/format';

const TICK_MS = 15_000;
const subscribe = (onChange: () => void) => {
  const timer = setInterval(onChange, TICK_MS);
  return () => clearInterval(timer);
};
// Rounded so consecutive reads agree (useSyncExternalStore needs a stable snapshot).
const readClock = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

/** A time that says how long ago it was; the server (which has no "now" of the reader's) renders the date. */
export function TimeAgo({ iso }: { iso: string }) {
  const now = useSyncExternalStore(subscribe, readClock, () => null);
  return (
    <time dateTime={iso} title={formatDateTime(iso, 'second')}>
      {now === null ? formatDateTime(iso, 'second') : `${formatTime(iso)} (${formatAgo(iso, now)})`}
    </time>
  );
}
