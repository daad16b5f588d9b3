// Catalog search, shared by the server (API) and the browser (search as you type).
import type { BlueprintSearchQuery, BlueprintSummaryDto } from '@/lib/blueprints/types';

/** A catalog row with its text precomputed for matching (lower-cased once, at load time). */
export interface SearchEntry {
  summary: BlueprintSummaryDto;
  title: string;
  keywords: string;
  text: string;
  services: Set<string>;
}

/** Builds the search entry of a catalog row. */
export function toSearchEntry(summary: BlueprintSummaryDto): SearchEntry {
  const title = summary.title.toLowerCase();
  const keywords = [...summary.services, ...summary.tags, summary.category, summary.slug].join(' ').toLowerCase();
  return {
    summary,
    title,
    keywords,
    text: `${title} ${keywords} ${summary.summary.toLowerCase()}`,
    services: new Set(summary.services.map(normaliseService)),
  };
}

/** "Amazon SQS", "sqs" and "SQS" are the same service to a person filtering the catalog. */
export function normaliseService(service: string): string {
  return service.toLowerCase().replace(/^(amazon|aws)\s+/, '').trim();
}

/**
 * Filters and ranks the catalog: every word of `q` must occur in the title, summary, services or tags;
 * title matches rank above service and tag matches, which rank above summary matches.
 */
export function filterBlueprints(entries: readonly SearchEntry[], query: BlueprintSearchQuery): BlueprintSummaryDto[] {
  const terms = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const service = query.service ? normaliseService(query.service) : undefined;
  const scored: { entry: SearchEntry; score: number }[] = [];
  for (const entry of entries) {
    const { summary } = entry;
    if (service && !entry.services.has(service)) continue;
    if (query.category && summary.category !== query.category) continue;
    if (query.dashboard && !summary.dashboards.includes(query.dashboard)) continue;
    if (query.sandboxReady !== undefined && summary.sandboxReady !== query.sandboxReady) continue;
    if (!terms.every((term) => entry.text.includes(term))) continue;
    const score = terms.reduce((sum, term) => sum + (entry.title.includes(term) ? 3 : entry.keywords.includes(term) ? 2 : 1), 0);
    scored.push({ entry, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.entry.title.localeCompare(b.entry.title))
    .map(({ entry }) => entry.summary);
}
