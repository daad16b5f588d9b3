import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

import { loadBlueprintLibrary } from './load';

// Lints every blueprint template and nested template with the pinned cfn-lint (1.58.0, installed
// into .sandbox/venv by the sandbox set-up) and fails on any error. Warnings are printed, not fatal.

const REPO_ROOT = path.resolve(__dirname, '../..');
// A test-only setting, so it is read here rather than through server/env.ts.
const CFN_LINT = path.resolve(REPO_ROOT, process.env.CFN_LINT ?? '.sandbox/venv/bin/cfn-lint');
// W3002: a local path in Code/TemplateURL "may only work with the package command". That is the
// blueprint format on purpose: Slipway packages every template before launching it.
const IGNORED_CHECKS = ['W3002'];

interface LintMatch {
  Filename: string;
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Rule: { Id: string };
  Location: { Start: { LineNumber: number } };
}

const library = await loadBlueprintLibrary();
// infra/ holds the template teams deploy to let Slipway into their accounts: linted the same way.
const infraTemplates = readdirSync(path.join(REPO_ROOT, 'infra'))
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => path.join(REPO_ROOT, 'infra', file));
const templateFiles = [...library.blueprints.values()]
  .flatMap((blueprint) => ['template.yaml', ...blueprint.nested.map((nested) => nested.path)].map((file) => path.join(blueprint.dir, file)))
  .concat(infraTemplates)
  .sort();

let matchesByFile = new Map<string, LintMatch[]>();
let unattributed: LintMatch[] = [];

beforeAll(async () => {
  await access(CFN_LINT).catch(() => {
    throw new Error(`cfn-lint not found at ${CFN_LINT}: install the sandbox tools or set CFN_LINT`);
  });
  // One run for all files: cfn-lint's start-up dominates its run time.
  const args = ['--format', 'json', '--ignore-checks', ...IGNORED_CHECKS, '--', ...templateFiles];
  const stdout = await promisify(execFile)(CFN_LINT, args, { maxBuffer: 32 * 1024 * 1024 })
    .then((result) => result.stdout)
    // cfn-lint exits non-zero whenever it reports anything; the JSON is still on stdout.
    .catch((error: { stdout?: string }) => {
      if (error.stdout === undefined) throw error;
      return error.stdout;
    });
  const matches = JSON.parse(stdout || '[]') as LintMatch[];
  matchesByFile = new Map(templateFiles.map((file) => [file, matches.filter((match) => path.resolve(match.Filename) === file)]));
  // A finding that maps to no file would otherwise pass silently.
  unattributed = matches.filter((match) => !templateFiles.includes(path.resolve(match.Filename)));
}, 180_000);

describe('cfn-lint', () => {
  it('runs on every template and nested template', () => {
    expect(templateFiles.length).toBeGreaterThanOrEqual(library.blueprints.size + 1);
    expect(templateFiles).toContain(path.join(REPO_ROOT, 'infra/slipway-target-role.yaml'));
    expect(unattributed).toEqual([]);
  });

  it.each(templateFiles.map((file) => [path.relative(REPO_ROOT, file), file] as const))('%s has no errors', (_name, file) => {
    const matches = matchesByFile.get(file) ?? [];
    const describe = (match: LintMatch) => `${match.Rule.Id} line ${match.Location.Start.LineNumber}: ${match.Message}`;
    const warnings = matches.filter((match) => match.Level !== 'Error');
    if (warnings.length > 0) console.warn(`${path.relative(REPO_ROOT, file)}\n  ${warnings.map(describe).join('\n  ')}`);
    expect(matches.filter((match) => match.Level === 'Error').map(describe)).toEqual([]);
  });
});
