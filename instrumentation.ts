// Runs once when a Next.js server starts. Only the Node.js runtime does server work worth warming.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.SLIPWAY_WARM_UP === 'false') return;
  const [{ warmUpLayoutEngine }, { loadBlueprintLibrary }, { defaultParseCacheDir, pruneParseCache }] = await Promise.all([
    import('./server/sfn/layout-warm-up'),
    import('./server/blueprints/load'),
    import('./server/blueprints/parse-cache'),
  ]);
  // Not awaited: the server answers at once while the work goes on in the background.
  setTimeout(() => {
    // Blueprints first: a new deployment's templates are parsed into the parse cache here rather
    // than by the first catalog request (seconds at hundreds of blueprints; a restart then reads JSON).
    loadBlueprintLibrary()
      .catch(() => {
        // The catalog request that follows reports what is wrong with the folder.
      })
      // The library has now read (and so marked as used) every entry it needs: what no start has read
      // for the retention goes.
      .then(() => pruneParseCache(defaultParseCacheDir()))
      .catch(() => {
        // An entry left behind is only disk space until the next start.
      })
      .then(() => warmUpLayoutEngine())
      .catch(() => {
        // A failed warm-up only means the first graph is laid out cold.
      });
  }, 1000).unref();
}
