// The portal under test (scripts/test.mjs passes its address) and the Origin its pages send.
export const portalBaseUrl = process.env.SLIPWAY_E2E_BASE_URL ?? 'http://localhost:3100';

/**
 * Headers a write through Playwright's API client needs to pass for one from the portal's own
 * pages: a browser adds Origin itself, the API client does not, and signed-in writes without it
 * are refused as cross-site.
 */
export const fromPortalPage = { Origin: new URL(portalBaseUrl).origin };
