// Prints the Step Functions dashboard benchmarks: `npx tsx scripts/bench/sfn-bench.ts [layout|layout-routed|history]`.
// Run one at a time for honest first-run (cold JIT) numbers: each gets a fresh process.
import { benchHistory25k, benchLayout200 } from '../../lib/sfn/bench';

const which = process.argv[2];
if (!which || which === 'layout') {
  console.log('layout 200 states (defaults: catch edges as overlays):', JSON.stringify(await benchLayout200()));
}
if (!which || which === 'layout-routed') {
  console.log('layout 200 states, catch edges routed by ELK:', JSON.stringify(await benchLayout200(10, { routeCatchEdges: true })));
}
if (!which || which === 'history') console.log('history 25k events:', JSON.stringify(await benchHistory25k()));
