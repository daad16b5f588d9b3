// startSandbox: both servers at once, their pid records, and one stop() that also runs on signals
// and process exit, so no server outlives the process that started it.
import fs from 'node:fs';
import path from 'node:path';

import { startAws } from './aws-server.mjs';
import { SandboxStartError } from './errors.mjs';
import { startKafka } from './kafka-server.mjs';
import { sandboxLog } from './log.mjs';
import { KAFKA_MAIN_JAR, dataPaths, toolPaths } from './paths.mjs';
import { signalGroup, stopTimeoutMs, terminate } from './processes.mjs';
import { clearStaleServer, forgetServerRecord, writeServerRecord } from './records.mjs';

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

/**
 * Start the sandbox AWS account and/or Kafka broker and wait until both answer.
 * stop() also runs when this process gets SIGINT/SIGTERM or exits, so no server outlives it.
 * @param {{
 *   dataDir?: string, awsPort?: number, kafkaPort?: number, kafkaControllerPort?: number,
 *   fresh?: boolean, log?: (message: string) => void, aws?: boolean, kafka?: boolean,
 *   kafkaMskIam?: { port: number, region: string, accessKeyId: string, secretAccessKey: string },
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
  log = sandboxLog,
  aws = true,
  kafka = true,
  kafkaMskIam,
  onUnexpectedExit = (part, exit) => log(`the ${part} server exited unexpectedly (${exit.code ?? exit.signal}); see ${logs[part]}`),
} = {}) {
  const p = toolPaths();
  const { pidDir, kafkaDir, logs } = dataPaths(dataDir);
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
            const how = await terminate(server.record, stopTimeoutMs(server.part));
            log(`${server.part} server stopped (${how})`);
          }
          forgetServerRecord(pidDir, server.part, server.record.pid);
        }),
      );
    })();
    return stopping;
  };
  for (const signal of Object.keys(SIGNAL_NUMBERS)) {
    signalHandlers[signal] = () => {
      // If nobody else handles the signal, keep its default meaning: stop, then exit.
      const others = process.listenerCount(signal) > 1;
      stop().finally(() => {
        if (!others) process.exit(128 + SIGNAL_NUMBERS[signal]);
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
    writeServerRecord(pidDir, part, server.record, logs[part]);
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
            startKafka({ p, kafkaDir, port: kafkaPort, controllerPort: kafkaControllerPort, mskIam: kafkaMskIam, logFile: logs.kafka, log, fresh, onSpawn }),
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
