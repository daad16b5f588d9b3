// The first ELK layout of a 200-state definition in a fresh process: what the first reader of a
// machine pays. Each sample is its own process (run by sfn-dashboard.ts), so no JIT carries over.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** First layouts in fresh processes (optionally after the portal's start-up warm-up): wall and CPU ms. */
export function firstLayoutsInFreshProcesses(count: number, afterWarmUp: boolean): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < count; i++) {
    const mode = afterWarmUp ? 'warmed-layout-once' : 'cold-layout-once';
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(new URL('./sfn-dashboard.ts', import.meta.url)), mode], { encoding: 'utf8' });
    const line = child.stdout.split('\n').find((l) => l.startsWith('COLD '));
    if (!line) throw new Error(`first layout run failed: ${child.stderr}`);
    const [w, c] = line.slice(5).split(' ').map(Number);
    wall.push(w!);
    cpu.push(c!);
  }
  return { wall, cpu };
}
