// Starting the sandbox Kafka broker: Apache Kafka 3.9.1 in KRaft combined mode (broker and
// controller in one JVM), from the jars in .sandbox/kafka/libs, with its data in <data dir>/kafka.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { SandboxStartError } from './errors.mjs';
import { readText, tail } from './files.mjs';
import { requireFreePort } from './net.mjs';
import { HOST } from './paths.mjs';
import { exitWatcher, spawnLogged, terminate, waitFor } from './processes.mjs';

export const KAFKA_LOG4J = `# Written by sandbox/lib/kafka-server.mjs: the broker logs to stdout (-> logs/kafka.log).
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

// A small heap and the serial collector: the broker shares two cores with moto, Next.js and the tests.
const JVM_FLAGS = ['-Xms256m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];

/**
 * server.properties for one node that is broker and controller, on 127.0.0.1 only; every
 * replication factor 1 and no automatic topic creation (tests create their topics).
 * With `mskIam`, a second client listener (SASL_PLAINTEXT, OAUTHBEARER) accepts only the MSK IAM
 * tokens that SlipwayMskIamValidator (sandbox/kafka/msk-iam) finds signed with those credentials.
 * @param {{ kafkaDir: string, port: number, controllerPort: number, mskIam?: MskIamListener }} options
 */
export function kafkaServerProperties({ kafkaDir, port, controllerPort, mskIam }) {
  const iam = mskIam ? `,MSKIAM://${HOST}:${mskIam.port}` : '';
  const iamListener = mskIam
    ? `listener.name.mskiam.sasl.enabled.mechanisms=OAUTHBEARER
listener.name.mskiam.oauthbearer.sasl.server.callback.handler.class=SlipwayMskIamValidator
# The broker logs in to its own listener too (unused): the login module needs a subject for that.
listener.name.mskiam.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="sandbox-broker" region="${mskIam.region}" accessKeyId="${mskIam.accessKeyId}" secretAccessKey="${mskIam.secretAccessKey}";
`
    : '';
  return `# Written by sandbox/lib/kafka-server.mjs on every start; edit that file, not this one.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${controllerPort}
listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}${iam}
advertised.listeners=PLAINTEXT://${HOST}:${port}${iam}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${mskIam ? ',MSKIAM:SASL_PLAINTEXT' : ''}
${iamListener}log.dirs=${path.join(kafkaDir, 'data')}
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

/**
 * A Kafka cluster id: 16 random bytes in URL-safe base64 (what `kafka-storage random-uuid` prints).
 * Never one that starts with `-`, which StorageTool's argument parser reads as an option (`-t -x…`:
 * "expected one argument"); Kafka's own random ids skip those too. One id in 64 did.
 */
export function newClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** The cluster id kept in <kafkaDir>/cluster-id, made on first use: the formatted storage belongs to it. */
function clusterIdOf(kafkaDir) {
  const idFile = path.join(kafkaDir, 'cluster-id');
  let clusterId = readText(idFile);
  // An id with a leading `-` (written before newClusterId skipped them) never formatted any storage.
  if (!clusterId || clusterId.startsWith('-')) {
    clusterId = newClusterId();
    fs.writeFileSync(idFile, `${clusterId}\n`);
  }
  return clusterId;
}

/** Has the broker logged `Kafka Server started` since the log had `fromByte` bytes? */
function startedInLog(logFile, fromByte) {
  try {
    const fd = fs.openSync(logFile, 'r');
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.max(0, size - fromByte));
    fs.readSync(fd, buffer, 0, buffer.length, fromByte);
    fs.closeSync(fd);
    return buffer.toString('utf8').includes('Kafka Server started');
  } catch {
    return false;
  }
}

/**
 * Format the storage (once per cluster id), start the broker and resolve when its log says it
 * started (60 s allowed). `fresh` wipes <kafkaDir> first.
 */
/** @typedef {{ port: number, region: string, accessKeyId: string, secretAccessKey: string }} MskIamListener */

export async function startKafka({ p, kafkaDir, port, controllerPort, mskIam, logFile, log, fresh, onSpawn }) {
  if (mskIam && !fs.existsSync(path.join(p.mskIamClasses, 'SlipwayMskIamValidator.class'))) {
    throw new SandboxStartError('The MSK IAM listener needs the validator compiled at set-up, which needs javac (a JDK).', { part: 'kafka' });
  }
  await requireFreePort(port, 'sandbox Kafka broker', 'SANDBOX_KAFKA_PORT', 'kafka');
  await requireFreePort(controllerPort, 'sandbox Kafka controller', 'SANDBOX_KAFKA_CONTROLLER_PORT', 'kafka');
  if (fresh) fs.rmSync(kafkaDir, { recursive: true, force: true });
  fs.mkdirSync(kafkaDir, { recursive: true });
  const clusterId = clusterIdOf(kafkaDir);
  const properties = path.join(kafkaDir, 'server.properties');
  const log4j = path.join(kafkaDir, 'log4j.properties');
  fs.writeFileSync(properties, kafkaServerProperties({ kafkaDir, port, controllerPort, mskIam }));
  fs.writeFileSync(log4j, KAFKA_LOG4J);
  const classpath = [path.join(p.kafkaLibs, '*'), ...(mskIam ? [p.mskIamClasses] : [])].join(path.delimiter);
  const jvm = [...JVM_FLAGS, `-Dlog4j.configuration=file:${log4j}`];

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
  try {
    await waitFor(async () => startedInLog(logFile, logStart), {
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
