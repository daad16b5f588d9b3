import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

// A blueprint's Python function code keeps its unit tests in the blueprint's own `tests/` folder (beside
// `src/`, so they never reach the function's zip); they run here, with the standard library only.

const blueprintsDir = path.join(process.cwd(), 'blueprints');
const withTests = readdirSync(blueprintsDir).filter((slug) => existsSync(path.join(blueprintsDir, slug, 'tests')));

describe('blueprints with Python unit tests', () => {
  it('include the mainframe batch job (its feed-to-database comparison)', () => {
    expect(withTests).toContain('mainframe-jcl-step-functions');
  });

  it.each(withTests)('%s: python -m unittest passes', (slug) => {
    const run = spawnSync('python3', ['-m', 'unittest', 'discover', '-s', 'tests'], {
      cwd: path.join(blueprintsDir, slug),
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^Ran [1-9]\d* tests?/m);
  });
});
