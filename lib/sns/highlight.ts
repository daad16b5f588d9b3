// Splits a message into runs of characters covered by the same identifiers, for highlighting spans
// (AWS's convention: start and end are 0-based and inclusive). Overlapping spans are kept apart.

export interface HighlightRun {
  text: string;
  start: number;
  /** Identifiers covering every character of the run (empty: plain text). */
  identifiers: string[];
}

/** Runs of `message` by the identifiers covering them; spans outside the message are clipped. */
export function highlightRuns(message: string, spans: readonly { identifier: string; start: number; end: number }[]): HighlightRun[] {
  const cuts = new Set<number>([0, message.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(message.length, s.start)));
    cuts.add(Math.max(0, Math.min(message.length, s.end + 1)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: HighlightRun[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (from === to) continue;
    const identifiers = [...new Set(spans.filter((s) => s.start <= from && s.end >= to - 1).map((s) => s.identifier))].sort();
    const last = runs.at(-1);
    if (last && last.identifiers.join() === identifiers.join()) last.text += message.slice(from, to);
    else runs.push({ text: message.slice(from, to), start: from, identifiers });
  }
  return runs;
}
