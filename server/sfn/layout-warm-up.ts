import 'server-only';
import { buildAslGraph } from '@/lib/sfn/asl-graph';
import { layoutAslGraph } from './asl-layout';
import { generateLargeDefinition } from '@/server/sfn/synthetic/large-definition';

const WARM_UP_STATES = 100;
const WARM_UP_ROUNDS = 4;

/**
 * Lays out a synthetic definition a few times so V8 has compiled ELK's hot paths before the first
 * reader opens an execution: the first layout in a process costs several times a later one.
 * Returns the milliseconds it took.
 */
export async function warmUpLayoutEngine(): Promise<number> {
  const started = performance.now();
  const graph = buildAslGraph(generateLargeDefinition(WARM_UP_STATES));
  for (let round = 0; round < WARM_UP_ROUNDS; round++) await layoutAslGraph(graph);
  return performance.now() - started;
}
