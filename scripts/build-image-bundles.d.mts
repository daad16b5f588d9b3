export function buildImageBundles(options?: { outdir?: string }): Promise<string[]>;
