/**
 * Access to the shared real-world corpus (../shared/corpus beside the repo).
 * Tests that read it use `describeCorpus`, which skips cleanly when the
 * corpus is absent (e.g. on a contributor's laptop).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS = process.env.REVIEW_CORPUS ?? resolve(here, '../../../shared/corpus');
export const HAS_CORPUS = existsSync(join(CORPUS, 'SOURCES.md'));

/**
 * `describe` that is skipped (not failed) without the corpus. Without it the
 * block's body is not even run: vitest runs a skipped block's body to collect
 * its tests, and bodies here read corpus files while collecting.
 */
export function describeCorpus(name: string, factory: () => void): void {
  if (HAS_CORPUS) describe(name, factory);
  else describe.skip(name, () => it(`needs the corpus at ${CORPUS}`, () => {}));
}

export function corpusPath(...parts: string[]): string {
  return join(CORPUS, ...parts);
}

/** A corpus file's text, decoded as UTF-8 (BOM kept; parseText strips it). */
export function corpusText(...parts: string[]): string {
  return readFileSync(corpusPath(...parts), 'utf8');
}

export interface CorpusEntry {
  file: string;
  records: number;
  description: string;
  notes: string;
}

/** The rows of SOURCES.md for one section folder (e.g. `exports`): file → expected record count. */
export function corpusEntries(section: string): CorpusEntry[] {
  const text = readFileSync(join(CORPUS, 'SOURCES.md'), 'utf8');
  const entries: CorpusEntry[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const heading = /^### `([^`]+)\/`/.exec(line);
    if (heading) current = heading[1];
    const row = /^\| `([^`]+)` \| ([\d,]+) \| ([\d,]+) \| ([^|]*) \|.*\| ([^|]*) \|$/.exec(line);
    if (!row || !current.startsWith(section + '/')) continue;
    // Headings name the folder ("exports/wos/"); rows name files relative to its top level.
    entries.push({
      file: join(section, row[1]),
      records: Number(row[3].replace(/,/g, '')),
      description: row[4].trim(),
      notes: row[5].trim(),
    });
  }
  return entries;
}
