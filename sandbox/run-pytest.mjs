#!/usr/bin/env node
// Runs the sandbox launcher's pytest suite with the project venv, without npm:
//   node sandbox/run-pytest.mjs [extra pytest args]
// or from another script: `const code = await runPytest({ args: ['-x'] })`.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { REPO_ROOT, SandboxToolsError, ensureSandboxTools, pytestCommand } from './sandbox.mjs';

/**
 * Ensure the venv (fast when already installed), then run
 * `.sandbox/venv/bin/python -m pytest sandbox/aws/tests -q`; resolves pytest's exit code.
 * @param {{ args?: string[], log?: (message: string) => void, env?: NodeJS.ProcessEnv }} [options]
 */
export async function runPytest({ args = [], log = (m) => console.log(`[sandbox] ${m}`), env = process.env } = {}) {
  try {
    await ensureSandboxTools({ log, aws: true, kafka: false });
  } catch (error) {
    if (error instanceof SandboxToolsError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const [python, ...pytestArgs] = pytestCommand(args);
  return new Promise((resolve) => {
    const child = spawn(python, pytestArgs, {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env,
    });
    child.on('error', (error) => {
      console.error(`could not run pytest: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runPytest({ args: process.argv.slice(2) }).then((code) => process.exit(code));
}
