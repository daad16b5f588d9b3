// Runs once when a Next.js server starts. Only the Node.js runtime does server work worth warming.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.SLIPWAY_WARM_UP === 'false') return;
  const { warmUpLayoutEngine } = await import('./server/sfn/layout-warm-up');
  // Not awaited: the server answers at once while ELK warms in the background.
  setTimeout(() => {
    warmUpLayoutEngine().catch(() => {
      // A failed warm-up only means the first graph is laid out cold.
    });
  }, 1000).unref();
}
