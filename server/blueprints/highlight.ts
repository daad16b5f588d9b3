import 'server-only';
import hljs from 'highlight.js/lib/core';
import yaml from 'highlight.js/lib/languages/yaml';
import json from 'highlight.js/lib/languages/json';
import { processWide } from '@/server/process-wide';

hljs.registerLanguage('yaml', yaml);
hljs.registerLanguage('json', json);

const cache = processWide('blueprints.highlighted', () => new Map<string, string>());

/** Highlighted HTML for a template source (escaped by highlight.js), memoised per source. */
export function highlightTemplate(source: string, language: 'yaml' | 'json' = 'yaml'): string {
  const key = `${language}:${source}`;
  let html = cache.get(key);
  if (html === undefined) {
    html = hljs.highlight(source, { language }).value;
    cache.set(key, html);
  }
  return html;
}
