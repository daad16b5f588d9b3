import 'server-only';
import { DefinitionLayoutCache, type LaidOutDefinition } from '@/server/sfn/layout-cache';
import { AslDefinitionError } from '@/lib/sfn/asl-types';
import { buildDefinitionGraph } from '@/lib/sfn/execution-graph';
import type { ExecutionGraphDto } from '@/lib/sfn/dto';
import { AppError } from '@/server/errors';
import { processWide } from '@/server/process-wide';

// One cache per server process: every execution of a state machine revision shares its layout, so only
// the first page load after a deploy (or a definition change) pays for ELK.
const cache = processWide('sfn.layouts', () => new DefinitionLayoutCache(128));

/** Graph and ELK layout of a definition, computed once per process and definition text. */
export async function getDefinitionLayout(definition: string): Promise<LaidOutDefinition> {
  try {
    return await cache.get(definition);
  } catch (err) {
    if (err instanceof AslDefinitionError) throw new AppError('UPSTREAM', `The state machine's definition could not be read: ${err.message}`);
    throw err;
  }
}

/** The definition's graph with no execution on it (from the same layout cache as the execution pages). */
export async function getDefinitionGraph(definition: string): Promise<ExecutionGraphDto> {
  const laidOut = await getDefinitionLayout(definition);
  return buildDefinitionGraph(laidOut.graph, laidOut.layout);
}
