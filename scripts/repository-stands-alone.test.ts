// The repository stands alone: no file in it points at files beside the checkout (a sibling folder
// of guides, one machine's absolute paths), and every Markdown file it names is in it. A clone is
// all a reader or a program gets, so a reference that leaves it is a reference to nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot } from './lib/defaults.mjs';

// This file's examples are the very references it looks for.
const THIS_FILE = 'scripts/repository-stands-alone.test.ts';
// The sibling folder of guides the checkout was written beside, spelled in parts so this file names it nowhere.
const GUIDES = ['..', 'sha' + 'red'].join('/');

/** Tracked files and new ones git does not ignore, as text (binary files skipped). */
function repositoryTextFiles(): { file: string; text: string }[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
  return [...new Set(listed.split('\0').filter(Boolean))].flatMap((file) => {
    const full = path.join(repoRoot, file);
    if (file === THIS_FILE || !fs.existsSync(full) || !fs.statSync(full).isFile()) return [];
    const bytes = fs.readFileSync(full);
    return bytes.includes(0) ? [] : [{ file, text: bytes.toString('utf8') }];
  });
}

/**
 * Lines (1-based) and snippets where `text` points outside the checkout that lives in `checkoutParent`:
 * the sibling folder of guides, or an absolute path to something that sits beside the checkout on
 * this machine. Only what `besideExists` finds counts, so a clone under a shared folder such as /tmp
 * is not faulted for the scratch paths (`/tmp/build`) that scripts and tests rightly use.
 */
function outsideReferences(text: string, checkoutParent: string, besideExists: (absolute: string) => boolean = fs.existsSync): string[] {
  const found = [...text.matchAll(new RegExp(`${escapeRegExp(GUIDES)}\\b`, 'g'))].map((match) => ({ index: match.index, snippet: match[0] }));
  // A checkout at the file system's root has no parent to leave into; '//' would match every URL.
  if (checkoutParent !== path.parse(checkoutParent).root) {
    for (const match of text.matchAll(new RegExp(`${escapeRegExp(checkoutParent + path.sep)}([\\w.-]+)\\S*`, 'g'))) {
      if (besideExists(path.join(checkoutParent, match[1]!))) found.push({ index: match.index, snippet: match[0] });
    }
  }
  return found.sort((a, b) => a.index - b.index).map(({ index, snippet }) => `line ${lineOf(text, index)}: ${snippet}`);
}

/** Markdown files a text names (`docs/STYLE.md`, `../README.md`, `TENANCY.md`), URLs left out. */
function markdownMentions(text: string): string[] {
  return [...text.matchAll(/(?<![\w/:.-])(?:\.{1,2}\/|[\w-][\w.-]*\/)*[\w-][\w.-]*\.md\b/g)].map((match) => match[0]);
}

/** Does a mention name a Markdown file of the repository: by path (from the file's folder or the root) or by name? */
function mentionResolves(mention: string, fromFile: string, files: ReadonlySet<string>): boolean {
  if (!mention.includes('/')) return [...files].some((file) => path.posix.basename(file) === mention);
  const candidates = [path.posix.join(path.posix.dirname(fromFile), mention), path.posix.normalize(mention)];
  return candidates.some((candidate) => files.has(candidate));
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lineOf = (text: string, index = 0) => text.slice(0, index).split('\n').length;

describe('the checks', () => {
  it('see a sibling folder of guides and absolute paths beside the checkout', () => {
    const text = `Layout follows \`${GUIDES}/STYLE.md\`.\nSee /srv/checkouts/notes.txt, not /srv/elsewhere.`;
    expect(outsideReferences(text, '/srv/checkouts', (p) => p === '/srv/checkouts/notes.txt')).toEqual([
      `line 1: ${GUIDES}`,
      'line 2: /srv/checkouts/notes.txt,',
    ]);
    expect(outsideReferences('https://example.com/a and /usr/bin/chromium', '/')).toEqual([]);
  });

  it('leave scratch paths alone when the checkout sits in a shared folder such as /tmp', () => {
    const text = 'COPY x /tmp/\nRUN rm /tmp/ibm-iaccess-*.rpm\nBut /tmp/guides/STYLE.md is beside it.';
    expect(outsideReferences(text, '/tmp', (p) => p === '/tmp/guides')).toEqual(['line 3: /tmp/guides/STYLE.md']);
  });

  it('find Markdown mentions, but not URLs', () => {
    expect(markdownMentions('see [it](../sandbox/README.md), docs/STYLE.md, TENANCY.md and https://github.com/o/r/blob/main/X.md')).toEqual([
      '../sandbox/README.md',
      'docs/STYLE.md',
      'TENANCY.md',
    ]);
  });

  it('resolve a mention from the file’s folder, from the root, or by name', () => {
    const files = new Set(['README.md', 'docs/STYLE.md', 'sandbox/README.md', 'sandbox/aws/EXTENSIONS.md']);
    expect(mentionResolves('../sandbox/README.md', 'docs/ARCHITECTURE.md', files)).toBe(true);
    expect(mentionResolves('aws/EXTENSIONS.md', 'sandbox/README.md', files)).toBe(true);
    expect(mentionResolves('docs/STYLE.md', 'server/x.ts', files)).toBe(true);
    expect(mentionResolves('STYLE.md', 'docs/ARCHITECTURE.md', files)).toBe(true);
    expect(mentionResolves(`${GUIDES}/STYLE.md`, 'docs/ARCHITECTURE.md', files)).toBe(false);
    expect(mentionResolves('guides/SANDBOX.md', 'sandbox/kafka/pom.xml', files)).toBe(false);
  });
});

describe('the repository', () => {
  const files = repositoryTextFiles();

  it('has files to check', () => {
    expect(files.map((f) => f.file)).toContain('docs/ARCHITECTURE.md');
  });

  it('points at nothing beside its checkout', () => {
    const checkoutParent = path.dirname(path.resolve(repoRoot));
    const found = files.flatMap(({ file, text }) => outsideReferences(text, checkoutParent).map((where) => `${file} ${where}`));
    expect(found).toEqual([]);
  });

  it('names only Markdown files it has', () => {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
    const markdown = new Set(listed.split('\0').filter((file) => file.endsWith('.md')));
    const dangling = files.flatMap(({ file, text }) =>
      markdownMentions(text)
        .filter((mention) => !mentionResolves(mention, file, markdown))
        .map((mention) => `${file}: ${mention}`),
    );
    expect(dangling).toEqual([]);
  });
});
