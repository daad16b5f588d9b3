// Browser benchmarks: the project's own code bundled for a blank page, run in headless Debian
// Chromium (no server).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

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

/**
 * Bundles `contents` (TypeScript or TSX, imports resolved from the repository root, `@/` included)
 * into one minified IIFE for the browser; CSS it imports comes back separately.
 */
export async function bundleForBrowser({ contents, sourcefile, loader }) {
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, sourcefile, loader },
    absWorkingDir: repoRoot,
    tsconfig: 'tsconfig.json',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Only names the outputs (nothing is written): the JS and any CSS it imports.
    outdir: 'bench-out',
    write: false,
    logLevel: 'silent',
  });
  const file = (ext) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}

/** Launches Chromium, hands it to `run`, and always closes it. */
export async function withBenchChromium(run) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
  try {
    return await run(browser);
  } finally {
    await browser.close();
  }
}
