// Where the sandbox's files are. Three places, never mixed up:
//   sandbox/     its sources (tracked): the Node launcher, the moto extensions, requirements.txt, the Kafka pom
//   .sandbox/    its installed tools (git-ignored): the Python venv, the Kafka jars, install stamps
//   <data dir>/  a running sandbox's state: pid records, logs, Kafka's data
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every server the sandbox starts listens here only. */
export const HOST = '127.0.0.1';

/** The broker's jar: its presence means the Kafka tools are installed. */
export const KAFKA_MAIN_JAR = 'kafka_2.13-3.9.1.jar';

/**
 * The sandbox's sources and installed tools under a repository root.
 * @param {string} [root]
 */
export function toolPaths(root = REPO_ROOT) {
  const source = path.join(root, 'sandbox');
  const tools = path.join(root, '.sandbox');
  return {
    root,
    tools,
    venv: path.join(tools, 'venv'),
    python: path.join(tools, 'venv', 'bin', 'python'),
    kafkaLibs: path.join(tools, 'kafka', 'libs'),
    // The broker's MSK IAM token validator, compiled from mskIamSource when a JDK is present.
    mskIamClasses: path.join(tools, 'kafka', 'msk-iam'),
    mskIamSource: path.join(source, 'kafka', 'msk-iam', 'SlipwayMskIamValidator.java'),
    stamps: path.join(tools, 'stamps'),
    requirements: path.join(source, 'requirements.txt'),
    pom: path.join(source, 'kafka', 'pom.xml'),
    launcher: path.join(source, 'aws', 'launcher.py'),
    pytestDir: path.join(source, 'aws', 'tests'),
  };
}

/**
 * A running sandbox's files in a data dir (default $SLIPWAY_DATA_DIR or .data; relative to the repository root).
 * @param {string} [dataDir]
 */
export function dataPaths(dataDir) {
  const root = path.resolve(REPO_ROOT, dataDir ?? process.env.SLIPWAY_DATA_DIR ?? '.data');
  return {
    root,
    pidDir: path.join(root, 'sandbox'),
    kafkaDir: path.join(root, 'kafka'),
    logs: { aws: path.join(root, 'logs', 'sandbox-aws.log'), kafka: path.join(root, 'logs', 'kafka.log') },
  };
}
