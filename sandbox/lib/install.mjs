// Installing the sandbox's tools into .sandbox/: the Python venv (moto, cfn-lint, pytest) and the
// Kafka jars. Idempotent: stamps keyed by the hash of requirements.txt / pom.xml make a second run
// only check files.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { SandboxToolsError } from './errors.mjs';
import { readJson, readText } from './files.mjs';
import { sandboxLog } from './log.mjs';
import { KAFKA_MAIN_JAR, REPO_ROOT, toolPaths } from './paths.mjs';
import { isAlive } from './processes.mjs';

// Bump when the install steps change in a way the hashed files do not show.
const STAMP_VERSION = 1;

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
  await ensureMskIamValidator(p, log);
  return { ok: true };
}

/**
 * Compiles the broker's MSK IAM token validator (sandbox/kafka/msk-iam) against the Kafka jars when
 * javac is present; without a JDK the sandbox simply offers no MSK IAM listener. Recompiled when
 * the source changes.
 */
async function ensureMskIamValidator(p, log) {
  const stampFile = path.join(p.stamps, 'msk-iam.json');
  const hash = hashFiles([p.mskIamSource]);
  if (readJson(stampFile)?.hash === hash && fs.existsSync(path.join(p.mskIamClasses, 'SlipwayMskIamValidator.class'))) return;
  const javac = findExecutable('javac');
  if (!javac) {
    log('no javac: the sandbox broker will have no MSK IAM listener (install a JDK, e.g. openjdk-17-jdk-headless, to get one)');
    return;
  }
  fs.rmSync(p.mskIamClasses, { recursive: true, force: true });
  const built = await run(javac, ['-cp', path.join(p.kafkaLibs, '*'), '-d', p.mskIamClasses, p.mskIamSource]);
  if (built.code !== 0) {
    log(`could not compile the MSK IAM validator: ${`${built.stdout}\n${built.stderr}`.trim().split('\n').slice(-3).join(' | ')}`);
    return;
  }
  fs.writeFileSync(stampFile, JSON.stringify({ hash, at: new Date().toISOString() }));
}

async function ensureKafkaTools(p, log) {
  const stampFile = path.join(p.stamps, 'kafka.json');
  const hash = hashFiles([p.pom]);
  const stamped = readJson(stampFile)?.hash === hash && fs.existsSync(path.join(p.kafkaLibs, KAFKA_MAIN_JAR));
  // Java is needed to run the broker even when the jars are already there.
  if (!findExecutable('java')) {
    return { ok: false, reason: 'java is not installed. Install it with: sudo apt-get install openjdk-17-jre-headless' };
  }
  if (stamped) {
    await ensureMskIamValidator(p, log);
    return { ok: true };
  }
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
export async function ensureSandboxTools({ log = sandboxLog, aws = true, kafka = true, root = REPO_ROOT } = {}) {
  const p = toolPaths(root);
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
