// The local sandbox: Slipway's embedded AWS account (a moto server) and Kafka broker. This file is
// the sandbox's public face; each job lives in one module under lib/.
//
// Plain Node ESM with builtins only: it runs before node_modules exists (npm run demo installs
// nothing before it starts the sandbox). Everything listens on 127.0.0.1.
//
//   ensureSandboxTools({ log })            -> installs .sandbox/venv and .sandbox/kafka/libs (idempotent)   lib/install.mjs
//   startSandbox({ dataDir, awsPort, ... }) -> { awsEndpoint, kafkaBrokers, stop() }                         lib/start.mjs
//   stopSandbox({ dataDir })               -> stops servers recorded in <dataDir>/sandbox/*.json           lib/records.mjs
//   sandboxStatus({ dataDir })             -> records plus probes                                           lib/status.mjs
//   checkAws(endpoint), resetAws(endpoint), checkKafka(brokers)                                             lib/*-probe.mjs
//   pytestCommand(args)                    -> the launcher's pytest suite with the project venv
import { toolPaths } from './lib/paths.mjs';

export { checkAws, resetAws } from './lib/aws-probe.mjs';
export { SandboxStartError, SandboxToolsError } from './lib/errors.mjs';
export { ensureSandboxTools } from './lib/install.mjs';
export { checkKafka } from './lib/kafka-probe.mjs';
export { REPO_ROOT } from './lib/paths.mjs';
export { stopSandbox } from './lib/records.mjs';
export { startSandbox } from './lib/start.mjs';
export { sandboxStatus } from './lib/status.mjs';

/**
 * The command that runs the launcher's pytest suite with the project venv, for a caller that
 * spawns it itself (run it with cwd = the repository root). run-pytest.mjs wraps it.
 * @param {string[]} [extraArgs]
 * @returns {string[]} [executable, ...args]
 */
export function pytestCommand(extraArgs = []) {
  const p = toolPaths();
  return [p.python, '-m', 'pytest', p.pytestDir, '-q', ...extraArgs];
}
