import 'server-only';

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { zipSync, type Zippable } from 'fflate';

// Every entry gets the same timestamp, so identical files always produce identical archives.
// Local-time components on purpose: zip stores local DOS time, so this is 1980-01-02 in any time zone.
const FIXED_MTIME = new Date(1980, 0, 2, 0, 0, 0);
const UNIX = 3;
const SKIPPED_NAMES = new Set(['.DS_Store', '__pycache__', '.git', '.pytest_cache', 'Thumbs.db']);

/** The files under a folder, as sorted POSIX paths relative to it (junk such as __pycache__ left out). */
async function listFilesSorted(root: string, relative = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (SKIPPED_NAMES.has(entry.name) || entry.name.endsWith('.pyc')) continue;
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFilesSorted(root, child)));
    else if (entry.isFile()) files.push(child);
  }
  return files;
}

/** Zips a folder deterministically: sorted entries, fixed timestamps, fixed level, normalised modes. */
export async function zipDirectory(directory: string): Promise<Uint8Array> {
  const files: Zippable = {};
  for (const file of await listFilesSorted(directory)) {
    files[file] = [await readFile(path.join(directory, file)), await fileAttributes(path.join(directory, file))];
  }
  return zipSync(files, { level: 6, mtime: FIXED_MTIME });
}

/** Zips one file under its base name, with the same fixed metadata as zipDirectory. */
export async function zipSingleFile(file: string): Promise<Uint8Array> {
  return zipSync({ [path.basename(file)]: [await readFile(file), await fileAttributes(file)] }, { level: 6, mtime: FIXED_MTIME });
}

async function fileAttributes(file: string): Promise<{ os: number; attrs: number; mtime: Date; level: 6 }> {
  // Keep only "executable or not": other mode bits differ between checkouts and would change the hash.
  const executable = ((await stat(file)).mode & 0o111) !== 0;
  const mode = 0o100000 | (executable ? 0o755 : 0o644);
  return { os: UNIX, attrs: (mode << 16) >>> 0, mtime: FIXED_MTIME, level: 6 };
}
