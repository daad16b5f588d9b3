import 'server-only';
import { DefinitionLayoutCache, type LaidOutDefinition } from '@/server/sfn/layout-cache';
import { AslDefinitionError } from '@/lib/sfn/asl-types';
import { AppError } from '@/server/errors';

// One cache per server process: every execution of a state machine revision shares its layout, so only
// the first page load after a deploy (or a definition change) pays for ELK.
const cache = new DefinitionLayoutCache(128);

/** Graph and ELK layout of a definition, computed once per process and definition text. */
export async function getDefinitionLayout(definition: string): Promise<LaidOutDefinition> {
  try {
    return await cache.get(definition);
  } catch (err) {
    if (err instanceof AslDefinitionError) throw new AppError('UPSTREAM', `The state machine's definition could not be read: ${err.message}`);
    throw err;
  }
}
