// The local sandbox: Slipway's embedded AWS account (a moto server) and Kafka broker.
//
// Plain Node ESM with builtins only: it runs before node_modules exists (npm run demo installs
// nothing before it starts the sandbox). Everything listens on 127.0.0.1.
//
//   ensureSandboxTools({ log })            -> installs .sandbox/venv and .sandbox/kafka/libs (idempotent)
//   startSandbox({ dataDir, awsPort, ... }) -> { awsEndpoint, kafkaBrokers, stop() }
//   stopSandbox({ dataDir })               -> stops servers recorded in <dataDir>/sandbox/*.json
//   resetAws(endpoint), checkAws(endpoint), checkKafka(brokers)

import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOST = '127.0.0.1';

const paths = (root = REPO_ROOT) => ({
  root,
  tools: path.join(root, '.sandbox'),
  venv: path.join(root, '.sandbox', 'venv'),
  python: path.join(root, '.sandbox', 'venv', 'bin', 'python'),
  kafkaLibs: path.join(root, '.sandbox', 'kafka', 'libs'),
  stamps: path.join(root, '.sandbox', 'stamps'),
  requirements: path.join(root, 'sandbox', 'requirements.txt'),
  pom: path.join(root, 'sandbox', 'kafka', 'pom.xml'),
  launcher: path.join(root, 'sandbox', 'aws', 'launcher.py'),
});

// Bump when the install steps change in a way the hashed files do not show.
const STAMP_VERSION = 1;
const KAFKA_MAIN_JAR = 'kafka_2.13-3.9.1.jar';
const DEFAULT_LOG = (message) => console.log(`[sandbox] ${message}`);

/** A tool the sandbox needs is missing or could not be installed; the message says what to do. */
export class SandboxToolsError extends Error {
  /**
   * @param {{ part: 'aws' | 'kafka', reason: string }[]} unavailable
   * @param {('aws' | 'kafka')[]} available
   */
  constructor(unavailable, available) {
    super(unavailable.map((u) => `Sandbox ${u.part === 'aws' ? 'AWS (moto)' : 'Kafka'} is unavailable: ${u.reason}`).join('\n'));
    this.name = 'SandboxToolsError';
    this.unavailable = unavailable;
    this.available = available;
  }
}

/** A sandbox server could not start (port taken, crashed during start-up, timed out). */
export class SandboxStartError extends Error {
  constructor(message, { part, logFile } = {}) {
    super(message);
    this.name = 'SandboxStartError';
    this.part = part;
    this.logFile = logFile;
  }
}

// --- small helpers ---------------------------------------------------------------------------------------
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function findExecutable(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function hashFiles(files) {
  const hash = createHash('sha256').update(`v${STAMP_VERSION}\n`);
  for (const file of files) hash.update(fs.readFileSync(file));
  return hash.digest('hex');
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function resolveDataDir(dataDir) {
  return path.resolve(REPO_ROOT, dataDir ?? process.env.SLIPWAY_DATA_DIR ?? '.data');
}

/** Run a command to completion, streaming nothing; resolves { code, stdout, stderr }. */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Two processes (npm run demo and npm test) may ensure the tools at the same time.
async function withInstallLock(p, fn) {
  fs.mkdirSync(p.tools, { recursive: true });
  const lock = path.join(p.tools, '.install.lock');
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(readText(path.join(lock, 'pid')));
      if (!owner || !isAlive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another install (pid ${owner}) holds ${lock}`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// --- ensureSandboxTools ------------------------------------------------------------------------------------
async function ensureAwsTools(p, log) {
  const stampFile = path.join(p.stamps, 'aws.json');
  const hash = hashFiles([p.requirements]);
  if (readJson(stampFile)?.hash === hash && fs.existsSync(p.python)) return { ok: true };

  const python3 = findExecutable('python3');
  if (!python3) {
    return { ok: false, reason: 'python3 is not installed. Install it with: sudo apt-get install python3 python3-venv' };
  }
  const venvCheck = await run(python3, ['-c', 'import venv, ensurepip']);
  if (venvCheck.code !== 0) {
    return { ok: false, reason: 'python3 cannot create virtual environments. Install it with: sudo apt-get install python3-venv' };
  }
  if (!fs.existsSync(p.python)) {
    log(`creating ${path.relative(p.root, p.venv)} ...`);
    const created = await run(python3, ['-m', 'venv', p.venv]);
    if (created.code !== 0) {
      fs.rmSync(p.venv, { recursive: true, force: true });
      return { ok: false, reason: `python3 -m venv failed: ${created.stderr.trim().split('\n').pop()}` };
    }
  }
  log(`installing ${path.relative(p.root, p.requirements)} into the venv (first run takes about a minute) ...`);
  const installed = await run(p.python, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '-r', p.requirements]);
  if (installed.code !== 0) {
    const detail = installed.stderr.trim().split('\n').slice(-3).join(' | ');
    return { ok: false, reason: `pip install failed (is PyPI reachable?): ${detail}` };
  }
  fs.mkdirSync(p.stamps, { recursive: true });
  fs.writeFileSync(stampFile, JSON.stringify({ hash, at: new Date().toISOString() }));
  return { ok: true };
}

async function ensureKafkaTools(p, log) {
  const stampFile = path.join(p.stamps, 'kafka.json');
  const hash = hashFiles([p.pom]);
  const stamped = readJson(stampFile)?.hash === hash && fs.existsSync(path.join(p.kafkaLibs, KAFKA_MAIN_JAR));
  // Java is needed to run the broker even when the jars are already there.
  if (!findExecutable('java')) {
    return { ok: false, reason: 'java is not installed. Install it with: sudo apt-get install openjdk-17-jre-headless' };
  }
  if (stamped) return { ok: true };
  const mvn = findExecutable('mvn');
  if (!mvn) {
    return { ok: false, reason: 'maven is needed once to fetch the Kafka jars. Install it with: sudo apt-get install maven' };
  }
  log('fetching the Kafka 3.9.1 jars from Maven Central ...');
  // Copy into a fresh directory and swap it in, so a failed fetch never leaves a half set of jars.
  const staging = `${p.kafkaLibs}.staging`;
  fs.rmSync(staging, { recursive: true, force: true });
  const fetched = await run(mvn, [
    '-q',
    '-B',
    '-f',
    p.pom,
    'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${staging}`,
  ]);
  if (fetched.code !== 0 || !fs.existsSync(path.join(staging, KAFKA_MAIN_JAR))) {
    fs.rmSync(staging, { recursive: true, force: true });
    const detail = `${fetched.stdout}\n${fetched.stderr}`.trim().split('\n').slice(-3).join(' | ');
    return { ok: false, reason: `mvn could not fetch the Kafka jars (is Maven Central reachable?): ${detail}` };
  }
  fs.rmSync(p.kafkaLibs, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(p.kafkaLibs), { recursive: true });
  fs.renameSync(staging, p.kafkaLibs);
  fs.mkdirSync(p.stamps, { recursive: true });
  fs.writeFileSync(stampFile, JSON.stringify({ hash, at: new Date().toISOString() }));
  return { ok: true };
}

/**
 * Install the sandbox's tools: .sandbox/venv (moto, cfn-lint, pytest) and .sandbox/kafka/libs.
 * Idempotent; a second run with unchanged requirements.txt and pom.xml only checks stamps.
 * Throws SandboxToolsError naming each unavailable part (and what to install) while leaving the
 * available parts ready, so a caller can continue without AWS or without Kafka.
 * @param {{ log?: (message: string) => void, aws?: boolean, kafka?: boolean, root?: string }} [options]
 * @returns {Promise<{ aws: boolean, kafka: boolean }>}
 */
export async function ensureSandboxTools({ log = DEFAULT_LOG, aws = true, kafka = true, root = REPO_ROOT } = {}) {
  const p = paths(root);
  return withInstallLock(p, async () => {
    const [awsResult, kafkaResult] = await Promise.all([
      aws ? ensureAwsTools(p, log) : { ok: false, skipped: true },
      kafka ? ensureKafkaTools(p, log) : { ok: false, skipped: true },
    ]);
    const unavailable = [];
    if (aws && !awsResult.ok) unavailable.push({ part: 'aws', reason: awsResult.reason });
    if (kafka && !kafkaResult.ok) unavailable.push({ part: 'kafka', reason: kafkaResult.reason });
    const ready = { aws: Boolean(awsResult.ok), kafka: Boolean(kafkaResult.ok) };
    if (unavailable.length) {
      throw new SandboxToolsError(unavailable, /** @type {('aws'|'kafka')[]} */ (Object.keys(ready).filter((k) => ready[k])));
    }
    return ready;
  });
}

// --- processes, pid files, ports -----------------------------------------------------------------------------
function commandLineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

// A pid file is only trusted when the process still runs the command we started (pids get reused).
const SIGNATURE = { aws: 'launcher.py', kafka: 'kafka.Kafka' };

function recordedServer(pidDir, part) {
  const record = readJson(path.join(pidDir, `${part}.json`));
  if (!record?.pid || !isAlive(record.pid)) return null;
  const leaderMatches = commandLineOf(record.pid).includes(SIGNATURE[part]);
  const childMatches = record.childPid && isAlive(record.childPid) && commandLineOf(record.childPid).includes(SIGNATURE[part]);
  return leaderMatches || childMatches ? record : null;
}

function signalGroup(record, signal) {
  for (const target of [-record.pid, record.pid, record.childPid].filter(Boolean)) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

async function waitUntilGone(record, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const alive = () => isAlive(record.pid) || (record.childPid && isAlive(record.childPid));
  while (alive() && Date.now() < deadline) await sleep(50);
  return !alive();
}

async function terminate(record, timeoutMs) {
  signalGroup(record, 'SIGTERM');
  if (await waitUntilGone(record, timeoutMs)) return 'terminated';
  signalGroup(record, 'SIGKILL');
  await waitUntilGone(record, 5000);
  return 'killed';
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function requireFreePort(port, what, envVar, part) {
  if (await portIsFree(port)) return;
  throw new SandboxStartError(
    `Port ${HOST}:${port} (${what}) is already in use by another program. ` + `Stop that program or choose another port with ${envVar}.`,
    { part },
  );
}

/**
 * Stop servers a previous run recorded in <dataDir>/sandbox/*.json (what `sandbox stop` does).
 * @returns {Promise<{ part: string, pid: number, how: string }[]>}
 */
export async function stopSandbox({ dataDir, log = DEFAULT_LOG } = {}) {
  const pidDir = path.join(resolveDataDir(dataDir), 'sandbox');
  const stopped = [];
  for (const part of ['aws', 'kafka']) {
    const record = recordedServer(pidDir, part);
    if (record) {
      const how = await terminate(record, part === 'kafka' ? 20_000 : 5_000);
      log(`${part} (pid ${record.pid}) ${how}`);
      stopped.push({ part, pid: record.pid, how });
    }
    fs.rmSync(path.join(pidDir, `${part}.json`), { force: true });
  }
  return stopped;
}

// A server recorded by a run whose owner died is an orphan: stop it. One whose owner still runs
// belongs to another live sandbox on the same data dir: refuse rather than fight over it.
async function clearStaleServer(pidDir, part, log) {
  const record = recordedServer(pidDir, part);
  if (!record) {
    fs.rmSync(path.join(pidDir, `${part}.json`), { force: true });
    return;
  }
  // The owner may be this very process (a second startSandbox before the first one's stop()).
  if (record.ownerPid && isAlive(record.ownerPid)) {
    throw new SandboxStartError(
      `A sandbox ${part} server (pid ${record.pid}) started by ${record.ownerPid === process.pid ? 'this process' : `process ${record.ownerPid}`} is already running ` +
        `for data dir ${path.dirname(pidDir)}. Stop it with \`npm run sandbox stop\` or use another SLIPWAY_DATA_DIR.`,
      { part },
    );
  }
  log(`stopping the ${part} server a previous run left behind (pid ${record.pid}) ...`);
  await terminate(record, part === 'kafka' ? 20_000 : 5_000);
  fs.rmSync(path.join(pidDir, `${part}.json`), { force: true });
}

// --- health probes -----------------------------------------------------------------------------------------
function tcpConnect(host, port, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connect to ${host}:${port} timed out`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function httpRequest(url, { method = 'GET', timeoutMs = 2000, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, timeout: timeoutMs, headers: body ? { 'content-type': 'application/json' } : {} }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (d) => (text += d));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${url} timed out`)));
    request.on('error', reject);
    request.end(body);
  });
}

const describeError = (error) => (error?.code ? `${error.code}: ${error.message}` : String(error?.message ?? error));

/**
 * Is the sandbox AWS account answering? TCP connect, then GET /moto-api/config.
 * @param {string} endpoint e.g. http://127.0.0.1:4566
 * @returns {Promise<{ up: boolean, latencyMs: number, error?: string }>}
 */
export async function checkAws(endpoint, { timeoutMs = 2000 } = {}) {
  const started = performance.now();
  try {
    const url = new URL(endpoint);
    const socket = await tcpConnect(url.hostname, Number(url.port || 80), timeoutMs);
    socket.destroy();
    const response = await httpRequest(new URL('/moto-api/config', url), { timeoutMs });
    // moto answers its config endpoint with 201 (sic); any 2xx with JSON is a live moto.
    if (response.status < 200 || response.status > 299) throw new Error(`moto answered HTTP ${response.status}`);
    JSON.parse(response.text);
    return { up: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { up: false, latencyMs: Math.round(performance.now() - started), error: describeError(error) };
  }
}

// Kafka ApiVersions v0 request: proves a Kafka broker (not just any program) owns the port.
function apiVersionsRequest(correlationId) {
  const clientId = Buffer.from('slipway-sandbox-probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0); // ApiVersions
  body.writeInt16BE(0, 2); // version 0
  body.writeInt32BE(correlationId, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

/**
 * Is the sandbox Kafka broker answering? TCP connect, then a Kafka ApiVersions round trip.
 * @param {string} brokers e.g. 127.0.0.1:9092 (the first broker is probed)
 * @returns {Promise<{ up: boolean, latencyMs: number, error?: string }>}
 */
export async function checkKafka(brokers, { timeoutMs = 2000 } = {}) {
  const started = performance.now();
  try {
    const first = String(brokers).split(',')[0].trim();
    const separator = first.lastIndexOf(':');
    const host = first.slice(0, separator);
    const port = Number(first.slice(separator + 1));
    const socket = await tcpConnect(host, port, timeoutMs);
    const correlationId = 0x51ee;
    await new Promise((resolve, reject) => {
      let received = Buffer.alloc(0);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('no ApiVersions answer'));
      }, timeoutMs);
      socket.on('data', (chunk) => {
        received = Buffer.concat([received, chunk]);
        if (received.length < 10) return;
        clearTimeout(timer);
        socket.destroy();
        const answeredId = received.readInt32BE(4);
        const errorCode = received.readInt16BE(8);
        if (answeredId !== correlationId) reject(new Error('not a Kafka broker (bad ApiVersions answer)'));
        else if (errorCode !== 0) reject(new Error(`ApiVersions error code ${errorCode}`));
        else resolve(undefined);
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        reject(new Error('connection closed before an ApiVersions answer'));
      });
      socket.write(apiVersionsRequest(correlationId));
    });
    return { up: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { up: false, latencyMs: Math.round(performance.now() - started), error: describeError(error) };
  }
}

/** Wipe every resource in the sandbox account (moto keeps its configuration). */
export async function resetAws(endpoint) {
  const response = await httpRequest(new URL('/moto-api/reset', endpoint), { method: 'POST', timeoutMs: 10_000 });
  if (response.status !== 200) throw new Error(`moto reset answered HTTP ${response.status}: ${response.text.slice(0, 200)}`);
}

// --- starting the servers ----------------------------------------------------------------------------------
function spawnLogged(command, args, logFile, env) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n--- ${new Date().toISOString()} ${path.basename(command)} ${args.join(' ')}\n`);
  // Own process group (detached) so stop() can signal the whole group; stdin stays a pipe whose
  // end tells the child that this process died (see launcher.py and the Kafka wrapper below).
  const child = spawn(command, args, { cwd: REPO_ROOT, env, detached: true, stdio: ['pipe', out, out] });
  fs.closeSync(out);
  child.stdin.on('error', () => {}); // EPIPE when the child exits first
  return child;
}

function exitWatcher(child) {
  let exited = null;
  const promise = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  return {
    promise,
    get exited() {
      return exited;
    },
  };
}

async function waitFor(check, { watcher, timeoutMs, part, logFile, what }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (watcher.exited) {
      throw new SandboxStartError(
        `${what} exited during start-up (code ${watcher.exited.code ?? watcher.exited.signal}). Last lines of ${logFile}:\n${tail(logFile)}`,
        { part, logFile },
      );
    }
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new SandboxStartError(`${what} did not become ready within ${timeoutMs / 1000} s. Last lines of ${logFile}:\n${tail(logFile)}`, {
        part,
        logFile,
      });
    }
    await sleep(100);
  }
}

async function startAws({ p, port, logFile, log, onSpawn }) {
  await requireFreePort(port, 'sandbox AWS', 'SANDBOX_AWS_PORT', 'aws');
  const started = performance.now();
  const child = spawnLogged(p.python, [p.launcher, '--port', String(port), '--exit-on-stdin-eof'], logFile, {
    ...process.env,
    PYTHONUNBUFFERED: '1',
  });
  const watcher = exitWatcher(child);
  onSpawn({ record: { pid: child.pid }, watcher });
  const endpoint = `http://${HOST}:${port}`;
  try {
    await waitFor(async () => (await checkAws(endpoint, { timeoutMs: 1000 })).up, {
      watcher,
      timeoutMs: 30_000,
      part: 'aws',
      logFile,
      what: 'The sandbox AWS server (moto)',
    });
  } catch (error) {
    await terminate({ pid: child.pid }, 3000);
    throw error;
  }
  const ms = Math.round(performance.now() - started);
  log(`AWS (moto) ready on ${endpoint} in ${ms} ms`);
  return { child, watcher, endpoint, startupMs: ms, record: { pid: child.pid, port } };
}

const KAFKA_LOG4J = `# Written by sandbox/sandbox.mjs: the broker logs to stdout (-> logs/kafka.log).
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
`;

function kafkaServerProperties({ kafkaDir, port, controllerPort }) {
  return `# Written by sandbox/sandbox.mjs on every start; edit that file, not this one.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${controllerPort}
listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}
advertised.listeners=PLAINTEXT://${HOST}:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${path.join(kafkaDir, 'data')}
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.network.threads=2
num.io.threads=2
log.retention.hours=168
`;
}

// Kafka cluster ids are 16 random bytes in URL-safe base64 (what `kafka-storage random-uuid` prints).
const newClusterId = () => randomBytes(16).toString('base64url');

async function startKafka({ p, kafkaDir, port, controllerPort, logFile, log, fresh, onSpawn }) {
  await requireFreePort(port, 'sandbox Kafka broker', 'SANDBOX_KAFKA_PORT', 'kafka');
  await requireFreePort(controllerPort, 'sandbox Kafka controller', 'SANDBOX_KAFKA_CONTROLLER_PORT', 'kafka');
  if (fresh) fs.rmSync(kafkaDir, { recursive: true, force: true });
  fs.mkdirSync(kafkaDir, { recursive: true });
  const idFile = path.join(kafkaDir, 'cluster-id');
  let clusterId = readText(idFile);
  if (!clusterId) {
    clusterId = newClusterId();
    fs.writeFileSync(idFile, `${clusterId}\n`);
  }
  const properties = path.join(kafkaDir, 'server.properties');
  const log4j = path.join(kafkaDir, 'log4j.properties');
  fs.writeFileSync(properties, kafkaServerProperties({ kafkaDir, port, controllerPort }));
  fs.writeFileSync(log4j, KAFKA_LOG4J);
  const classpath = path.join(p.kafkaLibs, '*');
  const jvm = ['-Xms256m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', `-Dlog4j.configuration=file:${log4j}`];

  const started = performance.now();
  const format = spawnSync('java', [...jvm, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', properties, '--ignore-formatted'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.appendFileSync(logFile, `\n--- ${new Date().toISOString()} StorageTool format\n${format.stdout ?? ''}${format.stderr ?? ''}`);
  if (format.status !== 0) {
    throw new SandboxStartError(
      `Formatting Kafka storage in ${kafkaDir} failed${format.error ? ` (${format.error.message})` : ''}. ` +
        `If the data was written by another cluster, start with --fresh. Last lines of ${logFile}:\n${tail(logFile)}`,
      { part: 'kafka', logFile },
    );
  }

  // sh wraps java so that the broker also stops when this process dies without cleaning up: the
  // wrapper waits for EOF on stdin (our end of the pipe closes with us) and then stops java.
  const wrapper =
    'java "$@" </dev/null & child=$!; echo "$child" > "$SANDBOX_CHILD_PID_FILE"; ' +
    "trap 'kill -TERM $child 2>/dev/null' TERM INT; cat >/dev/null; kill -TERM $child 2>/dev/null; wait $child";
  const childPidFile = path.join(kafkaDir, 'java.pid');
  fs.rmSync(childPidFile, { force: true });
  const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const child = spawnLogged('/bin/sh', ['-c', wrapper, 'sh', ...jvm, '-cp', classpath, 'kafka.Kafka', properties], logFile, {
    ...process.env,
    SANDBOX_CHILD_PID_FILE: childPidFile,
  });
  const watcher = exitWatcher(child);
  // The java pid is known once the wrapper wrote it; until then the group signal reaches it.
  onSpawn({ record: { pid: child.pid }, watcher });
  const startedInLog = () => {
    try {
      const fd = fs.openSync(logFile, 'r');
      const size = fs.fstatSync(fd).size;
      const buffer = Buffer.alloc(Math.max(0, size - logStart));
      fs.readSync(fd, buffer, 0, buffer.length, logStart);
      fs.closeSync(fd);
      return buffer.toString('utf8').includes('Kafka Server started');
    } catch {
      return false;
    }
  };
  try {
    await waitFor(async () => startedInLog(), {
      watcher,
      timeoutMs: 60_000,
      part: 'kafka',
      logFile,
      what: 'The sandbox Kafka broker',
    });
  } catch (error) {
    await terminate({ pid: child.pid, childPid: Number(readText(childPidFile)) || undefined }, 10_000);
    throw error;
  }
  const ms = Math.round(performance.now() - started);
  const brokers = `${HOST}:${port}`;
  log(`Kafka ready on ${brokers} in ${ms} ms (cluster ${clusterId})`);
  const childPid = Number(readText(childPidFile)) || undefined;
  return { child, watcher, brokers, startupMs: ms, record: { pid: child.pid, childPid, port, controllerPort, clusterId } };
}

/**
 * Start the sandbox AWS account and/or Kafka broker and wait until both answer.
 * stop() also runs when this process gets SIGINT/SIGTERM or exits, so no server outlives it.
 * @param {{
 *   dataDir?: string, awsPort?: number, kafkaPort?: number, kafkaControllerPort?: number,
 *   fresh?: boolean, log?: (message: string) => void, aws?: boolean, kafka?: boolean,
 *   onUnexpectedExit?: (part: 'aws' | 'kafka', exit: { code: number | null, signal: string | null }) => void,
 * }} [options]
 * @returns {Promise<{ awsEndpoint: string | null, kafkaBrokers: string | null, stop: () => Promise<void>,
 *   startupMs: { aws?: number, kafka?: number }, logs: { aws: string, kafka: string } }>}
 */
export async function startSandbox({
  dataDir,
  awsPort = Number(process.env.SANDBOX_AWS_PORT ?? 4566),
  kafkaPort = Number(process.env.SANDBOX_KAFKA_PORT ?? 9092),
  kafkaControllerPort = Number(process.env.SANDBOX_KAFKA_CONTROLLER_PORT ?? 9093),
  fresh = false,
  log = DEFAULT_LOG,
  aws = true,
  kafka = true,
  onUnexpectedExit = (part, exit) => log(`the ${part} server exited unexpectedly (${exit.code ?? exit.signal}); see ${logs[part]}`),
} = {}) {
  const p = paths();
  const root = resolveDataDir(dataDir);
  const pidDir = path.join(root, 'sandbox');
  const logs = { aws: path.join(root, 'logs', 'sandbox-aws.log'), kafka: path.join(root, 'logs', 'kafka.log') };
  fs.mkdirSync(pidDir, { recursive: true });

  if (aws && !fs.existsSync(p.python)) {
    throw new SandboxStartError('The sandbox AWS tools are not installed: run `npm run sandbox ensure` first.', { part: 'aws' });
  }
  if (kafka && !fs.existsSync(path.join(p.kafkaLibs, KAFKA_MAIN_JAR))) {
    throw new SandboxStartError('The sandbox Kafka jars are not installed: run `npm run sandbox ensure` first.', { part: 'kafka' });
  }
  if (aws) await clearStaleServer(pidDir, 'aws', log);
  if (kafka) await clearStaleServer(pidDir, 'kafka', log);

  const running = [];
  const starting = new Set(); // spawned but not ready yet: stop() must not leave them behind
  const writeRecord = (part, server) => {
    fs.writeFileSync(
      path.join(pidDir, `${part}.json`),
      JSON.stringify({ ...server.record, part, ownerPid: process.pid, startedAt: new Date().toISOString(), logFile: logs[part] }, null, 2),
    );
  };

  let stopping = null;
  const signalHandlers = {};
  const onExit = () => {
    // Last resort on process exit: synchronous, so only a signal; the servers shut themselves down.
    for (const server of [...running, ...starting]) if (!server.watcher.exited) signalGroup(server.record, 'SIGTERM');
  };
  const stop = () => {
    stopping ??= (async () => {
      for (const [signal, handler] of Object.entries(signalHandlers)) process.off(signal, handler);
      process.off('exit', onExit);
      await Promise.all([...starting].map((server) => terminate(server.record, 5_000)));
      await Promise.all(
        running.map(async (server) => {
          if (!server.watcher.exited) {
            const how = await terminate(server.record, server.part === 'kafka' ? 20_000 : 5_000);
            log(`${server.part} server stopped (${how})`);
          }
          const file = path.join(pidDir, `${server.part}.json`);
          if (readJson(file)?.pid === server.record.pid) fs.rmSync(file, { force: true });
        }),
      );
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    signalHandlers[signal] = () => {
      // If nobody else handles the signal, keep its default meaning: stop, then exit.
      const others = process.listenerCount(signal) > 1;
      stop().finally(() => {
        if (!others) process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 0));
      });
    };
    process.on(signal, signalHandlers[signal]);
  }
  process.on('exit', onExit);

  const launch = async (part, starter) => {
    let spawned = null;
    const server = await starter((handle) => {
      spawned = handle;
      starting.add(handle);
    }).finally(() => spawned && starting.delete(spawned));
    server.part = part;
    running.push(server);
    writeRecord(part, server);
    server.watcher.promise.then((exit) => {
      if (!stopping) onUnexpectedExit(part, exit);
    });
    if (stopping) await terminate(server.record, 5_000); // stop() ran while this server was starting
    return server;
  };
  try {
    const [awsServer, kafkaServer] = await Promise.all([
      aws ? launch('aws', (onSpawn) => startAws({ p, port: awsPort, logFile: logs.aws, log, onSpawn })) : null,
      kafka
        ? launch('kafka', (onSpawn) =>
            startKafka({
              p,
              kafkaDir: path.join(root, 'kafka'),
              port: kafkaPort,
              controllerPort: kafkaControllerPort,
              logFile: logs.kafka,
              log,
              fresh,
              onSpawn,
            }),
          )
        : null,
    ]);
    return {
      awsEndpoint: awsServer?.endpoint ?? null,
      kafkaBrokers: kafkaServer?.brokers ?? null,
      stop,
      startupMs: { aws: awsServer?.startupMs, kafka: kafkaServer?.startupMs },
      logs,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The command that runs the launcher's pytest suite with the project venv, for a caller that
 * spawns it itself (run it with cwd = the repository root). run-pytest.mjs wraps it.
 * @param {string[]} [extraArgs]
 * @returns {string[]} [executable, ...args]
 */
export function pytestCommand(extraArgs = []) {
  return [paths().python, '-m', 'pytest', path.join(REPO_ROOT, 'sandbox', 'aws', 'tests'), '-q', ...extraArgs];
}

/**
 * What is running for a data dir: pid files plus live probes (what `sandbox status` prints).
 */
export async function sandboxStatus({ dataDir, awsPort, kafkaPort } = {}) {
  const pidDir = path.join(resolveDataDir(dataDir), 'sandbox');
  const awsRecord = recordedServer(pidDir, 'aws');
  const kafkaRecord = recordedServer(pidDir, 'kafka');
  const awsEndpoint = `http://${HOST}:${awsRecord?.port ?? awsPort ?? Number(process.env.SANDBOX_AWS_PORT ?? 4566)}`;
  const kafkaBrokers = `${HOST}:${kafkaRecord?.port ?? kafkaPort ?? Number(process.env.SANDBOX_KAFKA_PORT ?? 9092)}`;
  const [awsProbe, kafkaProbe] = await Promise.all([checkAws(awsEndpoint), checkKafka(kafkaBrokers)]);
  return {
    aws: { endpoint: awsEndpoint, pid: awsRecord?.pid ?? null, ...awsProbe },
    kafka: { brokers: kafkaBrokers, pid: kafkaRecord?.childPid ?? kafkaRecord?.pid ?? null, ...kafkaProbe },
  };
}
