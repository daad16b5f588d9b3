// Copies of the repository's blueprints under new slugs, for benchmarks at catalog sizes far past the
// demo's: each copy's YAML is made distinct by a comment, so no two share a parse-cache entry and
// every copy costs what a real blueprint of that size would.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `count` blueprint folders into `intoDir` (which must exist); returns their slugs. */
export function writeBlueprintCopies(sourceDir, intoDir, count) {
  const originals = readdirSync(sourceDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const slugs = [];
  for (let i = 0; i < count; i++) {
    const original = originals[i % originals.length];
    const slug = `${original}-${String(i).padStart(3, '0')}`.slice(0, 60);
    const dir = path.join(intoDir, slug);
    cpSync(path.join(sourceDir, original), dir, { recursive: true });
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      let text = readFileSync(file, 'utf8');
      if (entry.name === 'blueprint.yaml' && entry.parentPath === dir) {
        text = text.replace(/^slug: .*$/m, `slug: ${slug}`).replace(/^title: (.*)$/m, (_, title) => `title: ${title} (${i})`);
      }
      writeFileSync(file, `${text}\n# copy ${i}\n`);
    }
    slugs.push(slug);
  }
  return slugs;
}
