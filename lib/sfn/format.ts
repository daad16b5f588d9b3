// Display formats of the executions dashboard. Instants go through lib/date-time.ts like everywhere
// else (with milliseconds where steps of a workflow are often milliseconds apart).

/** `850 ms`, `1.25 s`, `3 min 4 s`, `2 h 5 min`, `1 d 3 h`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const value = Math.max(0, ms);
  if (value < 1_000) return `${Math.round(value)} ms`;
  if (value < 10_000) return `${(value / 1_000).toFixed(2).replace(/\.?0+$/, '')} s`;
  if (value < 60_000) return `${Math.round(value / 1_000)} s`;
  const totalSeconds = Math.round(value / 1_000);
  if (totalSeconds < 3_600) {
    const seconds = totalSeconds % 60;
    return `${Math.floor(totalSeconds / 60)} min${seconds ? ` ${seconds} s` : ''}`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  if (totalMinutes < 1_440) {
    const minutes = totalMinutes % 60;
    return `${Math.floor(totalMinutes / 60)} h${minutes ? ` ${minutes} min` : ''}`;
  }
  const totalHours = Math.round(totalMinutes / 60);
  const hours = totalHours % 24;
  return `${Math.floor(totalHours / 24)} d${hours ? ` ${hours} h` : ''}`;
}

/** Signed difference for comparisons: `+1.2 s`, `−350 ms`, `±0 ms`. */
export function formatDelta(ms: number): string {
  if (ms === 0) return '±0 ms';
  return `${ms > 0 ? '+' : '−'}${formatDuration(Math.abs(ms))}`;
}

/** Wall time between two ISO instants (null while still running). */
export function durationBetween(startIso: string | null | undefined, stopIso: string | null | undefined): number | null {
  if (!startIso || !stopIso) return null;
  const ms = Date.parse(stopIso) - Date.parse(startIso);
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}

/** A byte count for humans: `512 B`, `12.3 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
