import { defineConfig } from '@playwright/test';
import { fromPortalPage, portalBaseUrl } from './e2e/support/origin';

// The portal under test is started by scripts/test.mjs (sandbox, database, build, server) and its
// address passed in SLIPWAY_E2E_BASE_URL. Browsers: Debian's Chromium, never a downloaded one.
const baseURL = portalBaseUrl;

export default defineConfig({
  testDir: 'e2e',
  outputDir: '.data/test/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // Screenshot baselines live beside the specs, one per project (Debian's Chromium renders them):
  // e2e/__screenshots__/<spec>/<name>-<project>.png. After a deliberate visual change, run the suite
  // with SLIPWAY_UPDATE_SCREENSHOTS=1, look at the new PNGs and commit them.
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFilePath}/{arg}-{projectName}{ext}',
  updateSnapshots: process.env.SLIPWAY_UPDATE_SCREENSHOTS === '1' ? 'all' : 'missing',
  expect: { timeout: 10_000, toHaveScreenshot: { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide', scale: 'css' } },
  reporter: [['list']],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The machine's network is closed: without these Chromium keeps dialling Google services.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    // Patterns match the whole path: anchored on e2e/ so a checkout under a folder named "api" still splits right.
    { name: 'setup', testMatch: /\/e2e\/auth\.setup\.ts$/ },
    // API specs stand in for the portal's pages, whose writes carry their Origin; specs about
    // cross-site writes make their own contexts without it.
    { name: 'api', testMatch: /\/e2e\/api\/[^/]+\.spec\.ts$/, dependencies: ['setup'], use: { extraHTTPHeaders: fromPortalPage } },
    // Two web instances and two workers of their own on PostgreSQL, run with the suite's worker stopped
    // (scripts/test.mjs --suite instances, in CI's PostgreSQL pass).
    { name: 'instances', testMatch: /\/e2e\/instances\/[^/]+\.spec\.ts$/, dependencies: ['setup'], use: { extraHTTPHeaders: fromPortalPage } },
    { name: 'browser', testMatch: /\/e2e\/(?!oidc\.spec)[^/]+\.spec\.ts$/, dependencies: ['setup'] },
    // Against a second portal that signs in through a real OpenID Connect provider (scripts/test.mjs starts both).
    { name: 'oidc', testMatch: /\/e2e\/oidc\.spec\.ts$/, use: { baseURL: process.env.SLIPWAY_E2E_OIDC_URL ?? 'http://localhost:3101' } },
  ],
});
