#!/usr/bin/env node
// npm run sandbox -- <ensure|start|stop|reset|status> [--fresh] [--no-aws] [--no-kafka]
//
// Defaults come from the environment: SLIPWAY_DATA_DIR (.data), SANDBOX_AWS_PORT (4566),
// SANDBOX_KAFKA_PORT (9092), SANDBOX_KAFKA_CONTROLLER_PORT (9093).

import { ensureProjectNode } from '../scripts/lib/node-runtime.mjs';
import { SandboxStartError, SandboxToolsError, checkAws, ensureSandboxTools, resetAws, sandboxStatus, startSandbox, stopSandbox } from './sandbox.mjs';

await ensureProjectNode();

const USAGE = `usage: node sandbox/cli.mjs <command> [options]

commands:
  ensure   install the sandbox tools (.sandbox/venv, .sandbox/kafka/libs)
  start    start the AWS account (moto) and Kafka in the foreground until Ctrl-C
  stop     stop servers a crashed or backgrounded start left running (uses <data dir>/sandbox/*.json)
  reset    wipe every resource in the sandbox AWS account
  status   show what runs and whether it answers

options (start):
  --fresh      wipe Kafka's data first
  --no-aws     start Kafka only
  --no-kafka   start the AWS account only

environment: SLIPWAY_DATA_DIR=.data SANDBOX_AWS_PORT=4566 SANDBOX_KAFKA_PORT=9092 SANDBOX_KAFKA_CONTROLLER_PORT=9093`;

const log = (message) => console.log(`[sandbox] ${message}`);
const [command, ...rest] = process.argv.slice(2);
const flags = new Set(rest);
const env = {
  dataDir: process.env.SLIPWAY_DATA_DIR ?? '.data',
  awsPort: Number(process.env.SANDBOX_AWS_PORT ?? 4566),
  kafkaPort: Number(process.env.SANDBOX_KAFKA_PORT ?? 9092),
  kafkaControllerPort: Number(process.env.SANDBOX_KAFKA_CONTROLLER_PORT ?? 9093),
};

async function ensure({ aws = true, kafka = true } = {}) {
  try {
    return await ensureSandboxTools({ log, aws, kafka });
  } catch (error) {
    if (!(error instanceof SandboxToolsError)) throw error;
    console.error(error.message);
    return { aws: error.available.includes('aws'), kafka: error.available.includes('kafka') };
  }
}

async function main() {
  switch (command) {
    case 'ensure': {
      const ready = await ensure();
      log(`tools ready: AWS ${ready.aws ? 'yes' : 'no'}, Kafka ${ready.kafka ? 'yes' : 'no'}`);
      return ready.aws && ready.kafka ? 0 : 1;
    }
    case 'start': {
      const ready = await ensure({ aws: !flags.has('--no-aws'), kafka: !flags.has('--no-kafka') });
      if (!ready.aws && !ready.kafka) {
        console.error('Nothing to start.');
        return 1;
      }
      const sandbox = await startSandbox({
        ...env,
        fresh: flags.has('--fresh'),
        log,
        aws: ready.aws,
        kafka: ready.kafka,
        // A foreground sandbox with a dead server is no sandbox: say so and stop the other one.
        onUnexpectedExit: (part, exit) => {
          console.error(`The ${part} server exited unexpectedly (${exit.code ?? exit.signal}); stopping.`);
          sandbox.stop().finally(() => process.exit(1));
        },
      });
      if (sandbox.awsEndpoint) console.log(`SANDBOX_AWS_ENDPOINT=${sandbox.awsEndpoint}`);
      if (sandbox.kafkaBrokers) console.log(`SANDBOX_KAFKA_BROKERS=${sandbox.kafkaBrokers}`);
      log('running; press Ctrl-C to stop');
      // startSandbox stops the servers and exits on SIGINT/SIGTERM; keep the process alive until then.
      await new Promise(() => {});
      return 0;
    }
    case 'stop': {
      const stopped = await stopSandbox({ dataDir: env.dataDir, log });
      if (!stopped.length) log('nothing was running');
      return 0;
    }
    case 'reset': {
      const endpoint = process.env.SANDBOX_AWS_ENDPOINT ?? `http://127.0.0.1:${env.awsPort}`;
      const probe = await checkAws(endpoint);
      if (!probe.up) {
        console.error(`The sandbox AWS account at ${endpoint} is not answering (${probe.error}). Start it with: npm run sandbox start`);
        return 1;
      }
      await resetAws(endpoint);
      log(`reset ${endpoint}`);
      return 0;
    }
    case 'status': {
      const status = await sandboxStatus(env);
      const line = (name, where, s) =>
        `${name.padEnd(6)} ${where.padEnd(24)} ${s.up ? `up (${s.latencyMs} ms)` : `down (${s.error})`}${s.pid ? `  pid ${s.pid}` : ''}`;
      console.log(line('aws', status.aws.endpoint, status.aws));
      console.log(line('kafka', status.kafka.brokers, status.kafka));
      return status.aws.up && status.kafka.up ? 0 : 3;
    }
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // Expected failures get their message only; anything else is a bug worth a stack trace.
    if (error instanceof SandboxStartError || error instanceof SandboxToolsError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
