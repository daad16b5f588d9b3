#!/usr/bin/env node
// Screenshots of portal pages for reviewing the UI by eye:
//   node scripts/dev/screenshot.mjs <base-url> <user-email> <out-dir> <path> [<path>...]
// Signs in with the demo sign-in, so it only works against a portal with demo auth on.
import { chromium } from '@playwright/test';
import path from 'node:path';

const [base, email, outDir, ...paths] = process.argv.slice(2);
if (!base || !email || !outDir || paths.length === 0) {
  console.error('usage: node scripts/dev/screenshot.mjs <base-url> <user-email> <out-dir> <path>...');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(`${base}/signin`);
await page.getByRole('button', { name: new RegExp(email.replace(/[.@]/g, '\\$&')) }).click();
await page.waitForURL('**/catalog');
for (const p of paths) {
  const [route, anchor] = p.split('#');
  await page.goto(`${base}${route}`);
  await page.waitForLoadState('networkidle');
  if (anchor) await page.locator(`#${anchor}`).scrollIntoViewIfNeeded();
  await page.waitForTimeout(1000);
  const file = path.join(outDir, `${route.replace(/[^\w]+/g, '_') || 'root'}${anchor ? `_${anchor}` : ''}.png`);
  await page.screenshot({ path: file, fullPage: !anchor });
  console.log(file);
}
await browser.close();
