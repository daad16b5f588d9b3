#!/usr/bin/env node
// Load: 50 signed-in users (sharing one session per demo user) on the dashboards (catalog, launches,
// an execution page, a Kafka group, the cost estimator) of a production build on loopback, each user
// reading a page for about a second (--think-ms; 0 measures saturation instead) before asking for the
// next, on SQLite and on PostgreSQL. Reports p50/p95/p99 per page, requests per second, errors, the
// web server's CPU time per request and its peak RSS. The catalog holds --blueprints (copies of the
// repository's in an extra folder); before the load, its page render and search are timed one request
// at a time. Starts its own sandbox (AWS and Kafka), database, portal and worker on ports of its own,
// seeds the demo showcase, and stops everything at the end.
//   node scripts/bench/load.mjs [--users 50] [--seconds 120] [--think-ms 1000] [--blueprints 500]
//        [--db sqlite,postgres] [--web-node-options=<flags>] [--profile <dir for .cpuprofile>]
// The web server runs with the image's Node flags (the Dockerfile's CMD) unless --web-node-options says otherwise.
// SLIPWAY_BENCH_KEEP=1 keeps each database's data folder (portal.log, worker.log) for a look afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { repoRoot } from '../lib/defaults.mjs';
import { writeBlueprintCopies } from './blueprint-copies.mjs';
import { ensureProjectNode } from '../lib/node-runtime.mjs';
import { httpReady, startService } from '../lib/services.mjs';

await ensureProjectNode();

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '120' },
    db: { type: 'string', default: 'sqlite,postgres' },
    'think-ms': { type: 'string', default: '1000' },
    blueprints: { type: 'string', default: '500' },
    profile: { type: 'string' },
    'web-node-options': { type: 'string' },
  },
});
const USERS = Number(values.users);
/** The web server's Node flags in the image (the Dockerfile's CMD), so the bench measures what ships. */
function imageWebNodeFlags() {
  const cmd = /^CMD \[(.*)\]$/m.exec(readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8'))?.[1];
  const args = cmd ? JSON.parse(`[${cmd}]`) : [];
  return args.slice(1, args.indexOf('server.js'));
}
const WEB_NODE_FLAGS = values['web-node-options'] === undefined ? imageWebNodeFlags() : values['web-node-options'].split(' ').filter(Boolean);
const SECONDS = Number(values.seconds);
// A user reads a page before asking for the next one: a pause drawn evenly from half to one and a half
// times this (a page a second on average is far busier than people read dashboards). 0 = no pause at
// all, which measures the saturation throughput instead (every user always has a request in flight).
const THINK_MS = Number(values['think-ms']);
const PORT = 3395;
const SANDBOX_PORTS = { aws: 4795, kafka: 9795, controller: 9796 };
const TARGET_P99_MS = 300;
const TARGET_RSS_MB = 500;
// Users who may see every page below (the demo's launches, executions and groups are team falcon's): another
// team's user would be shown a refusal, which is no dashboard.
const DEMO_USERS = ['falcon-dev@example.com', 'falcon-viewer@example.com', 'falcon-admin@example.com', 'admin@example.com'];

let blueprintDir = null;
let catalogSize = 0;
const say = (line) => console.log(`[load] ${line}`);
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const base = `http://127.0.0.1:${PORT}`;
// The portal's public address is this same origin, so pages are served, not redirected to another name.
const origin = base;

/** Signs a demo user in through next-auth's credentials flow; returns the Cookie header to send. */
async function signIn(email) {
  const jar = new Map();
  const keep = (res) => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfRes = await fetch(`${base}/api/auth/csrf`, { headers: { Origin: origin } });
  keep(csrfRes);
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${base}/api/auth/callback/demo`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', Origin: origin, Cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, json: 'true' }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`signing in as ${email} failed (${res.status})`);
  return cookieHeader();
}

/** The pages to load, found through the API as a developer of team falcon sees them. */
async function discoverPages(cookie) {
  const api = async (p) => {
    const res = await fetch(`${base}${p}`, { headers: { Cookie: cookie } });
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const list = (body, ...keys) => keys.map((k) => body[k]).find(Array.isArray) ?? [];
  let execution;
  for (const machine of list(await api('/api/v1/stepfunctions/state-machines'), 'stateMachines', 'items')) {
    const arn = machine.stateMachineArn ?? machine.arn;
    execution = list(await api(`/api/v1/stepfunctions/executions?stateMachineArn=${encodeURIComponent(arn)}`), 'executions', 'items')[0];
    if (execution) break;
  }
  const clusters = await api('/api/v1/kafka/clusters');
  const cluster = list(clusters, 'clusters', 'items')[0];
  return {
    catalog: '/catalog',
    launches: '/launches',
    ...(execution ? { execution: `/executions/${encodeURIComponent(execution.executionArn ?? execution.arn)}` } : {}),
    ...(cluster ? { 'kafka-group': `/kafka/${cluster.id}/groups/${encodeURIComponent('demo-billing')}` } : {}),
    estimator: '/cost',
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Peak RSS of a process and its children (MB), sampled from /proc while the load runs. */
function rssMb(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const children = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      // gone
    }
  }
  let kb = 0;
  for (const p of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** The text of a page's problem alert (components/ui/page-problem.tsx), tags stripped. */
function problemText(html) {
  const at = html.indexOf('data-testid="page-problem"');
  return html
    .slice(at, at + 2_000)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, 300);
}

/** CPU time (ms, user + system) the process has used so far: steadier than wall time on a shared machine. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function runLoad(pages, cookies, portalPid) {
  const names = Object.keys(pages);
  const samples = new Map(names.map((n) => [n, []]));
  const errors = new Map(names.map((n) => [n, 0]));
  const firstError = new Map();
  const sizes = new Map();
  let peakRss = rssMb(portalPid);
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(portalPid))), 500);
  const deadline = Date.now() + SECONDS * 1000;
  const user = async (i) => {
    // Users arrive spread over the first pause rather than all in the same millisecond.
    if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, THINK_MS * Math.random()));
    for (let n = i; Date.now() < deadline; n++) {
      const name = names[n % names.length];
      const started = performance.now();
      try {
        const res = await fetch(`${base}${pages[name]}`, { headers: { Cookie: cookies[i % cookies.length] }, redirect: 'manual' });
        const body = await res.text();
        const elapsed = performance.now() - started;
        sizes.set(name, Buffer.byteLength(body));
        // A page that could not load its data still answers 200, with the problem in place of the data.
        const problem = body.includes('data-testid="page-problem"') ? problemText(body) : null;
        if (res.status !== 200 || problem) {
          errors.set(name, errors.get(name) + 1);
          firstError.set(name, firstError.get(name) ?? (problem ? `page problem: ${problem}` : `HTTP ${res.status}`));
        } else samples.get(name).push(elapsed);
      } catch (err) {
        errors.set(name, errors.get(name) + 1);
        firstError.set(name, firstError.get(name) ?? String(err));
      }
      if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())));
    }
  };
  const started = Date.now();
  const cpuBefore = cpuMs(portalPid);
  await Promise.all(Array.from({ length: USERS }, (_, i) => user(i)));
  clearInterval(rssTimer);
  const cpuUsed = cpuMs(portalPid) - cpuBefore;
  const seconds = (Date.now() - started) / 1000;
  const rows = names.map((name) => {
    const sorted = samples.get(name).sort((a, b) => a - b);
    const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
    return {
      page: name,
      kb: (sizes.get(name) ?? 0) / 1024,
      firstError: firstError.get(name),
      requests: sorted.length,
      errors: errors.get(name),
      mean,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    };
  });
  const total = rows.reduce((sum, r) => sum + r.requests + r.errors, 0);
  return { rows, rps: total / seconds, peakRss, cpuPerRequestMs: cpuUsed / total };
}

/**
 * The catalog at its full size, one request at a time (nothing else asking): the page's server render
 * (the whole response, as the browser receives it) unfiltered and searched, and the API's search.
 */
async function timeCatalog(cookie, runs = 100) {
  const timings = { 'catalog page': [], 'catalog page, searched': [], 'API search': [] };
  const queries = ['kafka', 'step functions', 'sqs batch', 'queue'];
  for (let run = 0; run < runs; run++) {
    const q = encodeURIComponent(queries[run % queries.length]);
    for (const [name, url] of [
      ['catalog page', '/catalog'],
      ['catalog page, searched', `/catalog?q=${q}`],
      ['API search', `/api/v1/blueprints?q=${q}`],
    ]) {
      const started = performance.now();
      const res = await fetch(`${base}${url}`, { headers: { Cookie: cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
      timings[name].push(performance.now() - started);
    }
  }
  return Object.entries(timings).map(([name, samples]) => {
    const sorted = samples.sort((a, b) => a - b);
    return { name, median: percentile(sorted, 50), p95: percentile(sorted, 95), target: name === 'API search' ? 50 : 100 };
  });
}

async function benchOne(flavour, sandboxEnv) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `slipway-load-${flavour}-`));
  const pg = flavour === 'postgres' ? await (await import('../lib/postgres.mjs')).startScratchPostgres() : null;
  const services = [];
  try {
    const env = {
      ...process.env,
      ...sandboxEnv,
      NODE_ENV: 'production',
      SLIPWAY_DATA_DIR: dataDir,
      DATABASE_URL: pg ? pg.url : `file:${path.join(dataDir, 'slipway.db')}`,
      SLIPWAY_AWS_MODE: 'sandbox',
      NEXTAUTH_URL: origin,
      SLIPWAY_LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(PORT),
      ...(blueprintDir ? { SLIPWAY_BLUEPRINT_DIRS: blueprintDir } : {}),
    };
    const { migrateDatabase } = await import('../db.mjs');
    await migrateDatabase({ url: env.DATABASE_URL, log: say });
    const seed = spawnSync(tsx, ['--conditions=react-server', 'scripts/seed.ts', '--showcase'], { cwd: repoRoot, env, stdio: 'inherit' });
    if (seed.status !== 0) throw new Error('seeding failed');
    const portal = await startService({
      name: `portal-${flavour}`,
      command: process.execPath,
      args: [
        ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
        ...WEB_NODE_FLAGS,
        path.join(repoRoot, 'node_modules/next/dist/bin/next'),
        'start',
        '-H',
        '127.0.0.1',
        '-p',
        String(PORT),
      ],
      cwd: repoRoot,
      env,
      logFile: path.join(dataDir, 'portal.log'),
      ready: httpReady(`${base}/api/v1/health`),
      port: PORT,
    });
    services.push(portal);
    services.push(
      await startService({
        name: `worker-${flavour}`,
        command: tsx,
        args: ['--conditions=react-server', 'server/jobs/worker.ts'],
        cwd: repoRoot,
        env,
        logFile: path.join(dataDir, 'worker.log'),
        ready: async () => true,
      }),
    );
    // One session per demo user, shared by the simulated users: sign-ins are rate-limited per address
    // and per user, and a request costs the server the same whichever session it carries.
    const cookies = [];
    for (const email of DEMO_USERS) cookies.push(await signIn(email));
    const pages = await discoverPages(cookies[0]);
    say(`${flavour}: ${USERS} users for ${SECONDS} s on ${Object.values(pages).join(', ')}`);
    // One pass first, so first-request compilation and caches do not count as load.
    for (const p of Object.values(pages)) await fetch(`${base}${p}`, { headers: { Cookie: cookies[0] } }).then((r) => r.arrayBuffer());
    const catalog = await timeCatalog(cookies[0]);
    return { ...(await runLoad(pages, cookies, portal.child.pid)), catalog };
  } finally {
    for (const service of services.reverse()) await service.stop();
    pg?.stop();
    if (!process.env.SLIPWAY_BENCH_KEEP) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const { ensureNextBuild } = await import('../lib/next-build.mjs');
  ensureNextBuild({ log: say });
  // The catalog at the issue's size: copies of the repository's blueprints in an extra folder, so
  // the catalog holds BLUEPRINTS in all.
  const own = readdirSync(path.join(repoRoot, 'blueprints'), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
  catalogSize = Math.max(own, Number(values.blueprints));
  if (catalogSize > own) {
    blueprintDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-load-blueprints-'));
    writeBlueprintCopies(path.join(repoRoot, 'blueprints'), blueprintDir, catalogSize - own);
  }
  const sandbox = await import('../../sandbox/sandbox.mjs');
  await sandbox.ensureSandboxTools({ log: say });
  // A fresh sandbox account per database: the showcase launches the same stacks into each.
  const withSandbox = async (run) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-load-sandbox-'));
    const sb = await sandbox.startSandbox({
      dataDir,
      awsPort: SANDBOX_PORTS.aws,
      kafkaPort: SANDBOX_PORTS.kafka,
      kafkaControllerPort: SANDBOX_PORTS.controller,
      aws: true,
      kafka: true,
      log: say,
    });
    try {
      return await run({ SANDBOX_AWS_ENDPOINT: sb.awsEndpoint, SANDBOX_KAFKA_BROKERS: sb.kafkaBrokers });
    } finally {
      await sb.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  try {
    for (const flavour of values.db.split(',')) {
      const { rows, rps, peakRss, cpuPerRequestMs, catalog } = await withSandbox((sandboxEnv) => benchOne(flavour, sandboxEnv));
      console.log(`\n${flavour}: catalog of ${catalogSize} blueprints, one request at a time`);
      for (const c of catalog) {
        console.log(`${c.name.padEnd(24)} median ${c.median.toFixed(1).padStart(6)} ms  p95 ${c.p95.toFixed(1).padStart(6)} ms  (target < ${c.target})`);
        console.log(
          `BENCH ${JSON.stringify({ engine: `${flavour} ${c.name} at ${catalogSize} blueprints`, medianMs: c.median, p95Ms: c.p95, targetMs: c.target })}`,
        );
      }
      console.log(
        `\n${flavour}: web server flags ${WEB_NODE_FLAGS.join(' ') || '(none)'}; ${rps.toFixed(0)} requests/s, web CPU ${cpuPerRequestMs.toFixed(1)} ms per request, web peak RSS ${peakRss.toFixed(0)} MB (target < ${TARGET_RSS_MB})`,
      );
      console.log('page          requests  errors   p50 ms   p95 ms   p99 ms   HTML KB');
      for (const r of rows) {
        console.log(
          `${r.page.padEnd(13)} ${String(r.requests).padStart(8)} ${String(r.errors).padStart(7)} ${r.p50.toFixed(0).padStart(8)} ${r.p95.toFixed(0).padStart(8)} ${r.p99.toFixed(0).padStart(8)} ${r.kb.toFixed(0).padStart(9)}`,
        );
        if (r.firstError) console.log(`  first error: ${r.firstError}`);
        console.log(
          `BENCH ${JSON.stringify({ engine: `${flavour} ${r.page} (p99 ${r.p99.toFixed(0)} ms, ${r.errors} errors)`, runs: r.requests, meanMs: r.mean, medianMs: r.p50, p95Ms: r.p95, targetMs: TARGET_P99_MS })}`,
        );
      }
    }
  } finally {
    if (blueprintDir) rmSync(blueprintDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
