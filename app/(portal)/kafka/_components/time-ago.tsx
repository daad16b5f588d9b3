'use client';

import { useSyncExternalStore } from 'react';
import { formatAgo, formatUtc } from '@/lib/kafka/format';

const TICK_MS = 15_000;
const subscribe = (onChange: () => void) => {
  const timer = setInterval(onChange, TICK_MS);
  return () => clearInterval(timer);
};
// Rounded so consecutive reads agree (useSyncExternalStore needs a stable snapshot).
const readClock = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

/** A time that says how long ago it was; the server renders UTC so hydration matches. */
export function TimeAgo({ iso }: { iso: string }) {
  const now = useSyncExternalStore(subscribe, readClock, () => null);
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {now === null ? formatUtc(iso) : `${new Date(iso).toLocaleTimeString('en-GB')} (${formatAgo(iso, now)})`}
    </time>
  );
}
