import type { Browser } from '@playwright/test';

export function bundleForBrowser(options: { contents: string; sourcefile: string; loader: 'ts' | 'tsx' }): Promise<{ js: string; css: string }>;
export function withBenchChromium<T>(run: (browser: Browser) => Promise<T>): Promise<T>;
