import type { Browser } from '@playwright/test';

export function withBenchChromium<T>(run: (browser: Browser) => Promise<T>): Promise<T>;
