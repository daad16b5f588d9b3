// Headless Debian Chromium for the browser benchmarks: no server, a blank page each time.
import { chromium } from '@playwright/test';

// Without the background-networking flags Chromium keeps dialling Google on a closed network.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches Chromium, hands it to `run`, and always closes it. */
export async function withBenchChromium(run) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
  try {
    return await run(browser);
  } finally {
    await browser.close();
  }
}
