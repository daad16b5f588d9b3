import 'server-only';

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Starts extra single-node KRaft brokers (Kafka 3.9 jars) for integration tests that need a listener
 * the shared sandbox broker does not have, e.g. SASL. Everything binds 127.0.0.1.
 */

const run = promisify(execFile);

/** Jars folder: `SANDBOX_KAFKA_LIBS`, else the sandbox install. */
export function kafkaLibsDir(): string {
  return path.resolve(process.env.SANDBOX_KAFKA_LIBS ?? '.sandbox/kafka/libs');
}

/** JVM flags for a small box (sandbox/README.md, "Kafka"). */
export const SMALL_JVM = ['-Xms128m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto'];

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface LocalBroker {
  /** `127.0.0.1:<port>` of the SASL listener. */
  saslBrokers: string;
  /** `127.0.0.1:<port>` of the PLAINTEXT listener (inter-broker; also handy for admin set-up). */
  plaintextBrokers: string;
  /** Runs a Kafka CLI class from the same jars against the PLAINTEXT listener. */
  runTool(mainClass: string, args: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

export interface StartLocalBrokerOptions {
  /** Extra server.properties lines. */
  extraProperties?: readonly string[];
  timeoutMs?: number;
}

/**
 * A broker with a PLAINTEXT listener for inter-broker traffic and a SASL_PLAINTEXT listener named
 * SASL offering OAUTHBEARER (built-in unsecured validator: unsigned JWTs) and SCRAM-SHA-512.
 */
export async function startSaslBroker(options: StartLocalBrokerOptions = {}): Promise<LocalBroker> {
  const libs = kafkaLibsDir();
  if (!existsSync(libs)) throw new Error(`Kafka jars not found in ${libs}; set SANDBOX_KAFKA_LIBS`);
  const classpath = `${libs}/*`;
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-kafka-'));
  const [plainPort, saslPort, controllerPort] = [await freePort(), await freePort(), await freePort()];
  const properties = [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAIN://127.0.0.1:${plainPort},SASL://127.0.0.1:${saslPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAIN://127.0.0.1:${plainPort},SASL://127.0.0.1:${saslPort}`,
    'listener.security.protocol.map=PLAIN:PLAINTEXT,SASL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAIN',
    'controller.listener.names=CONTROLLER',
    'listener.name.sasl.sasl.enabled.mechanisms=OAUTHBEARER,SCRAM-SHA-512',
    'listener.name.sasl.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="admin";',
    'listener.name.sasl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    `log.dirs=${path.join(dir, 'data')}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    ...(options.extraProperties ?? []),
  ];
  const propertiesFile = path.join(dir, 'server.properties');
  const log4jFile = path.join(dir, 'log4j.properties');
  const logFile = path.join(dir, 'broker.log');
  await writeFile(propertiesFile, `${properties.join('\n')}\n`);
  await writeFile(
    log4jFile,
    [
      'log4j.rootLogger=WARN, file',
      'log4j.logger.kafka.server.KafkaRaftServer=INFO',
      'log4j.appender.file=org.apache.log4j.FileAppender',
      `log4j.appender.file.File=${logFile}`,
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    ].join('\n'),
  );

  const clusterId = randomBytes(16).toString('base64url').slice(0, 22);
  try {
    // `--cluster-id=<id>` because a base64url id may start with '-' and read as an option.
    await run('java', [
      ...SMALL_JVM,
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${clusterId}`,
      '-c',
      propertiesFile,
      '--ignore-formatted',
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const child = spawn('java', [...SMALL_JVM, `-Dlog4j.configuration=file:${log4jFile}`, '-cp', classpath, 'kafka.Kafka', propertiesFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const stop = async () => {
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForLogLine(logFile, 'Kafka Server started', child, options.timeoutMs ?? 60_000, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    saslBrokers: `127.0.0.1:${saslPort}`,
    plaintextBrokers: `127.0.0.1:${plainPort}`,
    async runTool(mainClass, args) {
      const { stdout } = await run('java', [...SMALL_JVM, '-cp', classpath, mainClass, '--bootstrap-server', `127.0.0.1:${plainPort}`, ...args], {
        timeout: 60_000,
      });
      return stdout;
    },
    stop,
  };
}

async function waitForLogLine(file: string, needle: string, child: ChildProcess, timeoutMs: number, stderr: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Kafka exited with ${child.exitCode} before starting: ${stderr()}`);
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.includes(needle)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Kafka did not log "${needle}" within ${timeoutMs} ms: ${stderr()}`);
}

/** SIGTERM (Kafka shuts down cleanly), then SIGKILL if it lingers; only this child is signalled. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
