#!/usr/bin/env node
// `node scripts/with-node.mjs <command> [args…]`: runs a command (next, tsx, vitest, or `node` itself)
// on the project's Node.js, installing it first if the machine lacks it (scripts/lib/node-runtime.mjs),
// with npm packages installed and native addons built for it. package.json's scripts start their
// tools through it, so `npm start` and `npm run worker` run on the pinned Node where the system's is older.
import path from 'node:path';
import { ensureNodeModules, SetupError } from './lib/bootstrap.mjs';
import { repoRoot } from './lib/defaults.mjs';
import { runToEnd, ensureProjectNode } from './lib/node-runtime.mjs';

await ensureProjectNode();
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-node.mjs <command> [args…]');
  process.exit(2);
}
try {
  ensureNodeModules({ log: (line) => console.log(`[node] ${line}`) });
} catch (err) {
  if (!(err instanceof SetupError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const PATH = [path.join(repoRoot, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter);
await runToEnd(command === 'node' ? process.execPath : command, args, { ...process.env, PATH });
