/**
 * The checks every format's tests run on the real corpus, registered as one
 * `it` per file: SOURCES.md's record count with no errors, and the agreed
 * differences from Zotero's own parse of its translator tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { FormatModule, ParseResult } from '../../src/ingest/format.js';
import { parseText } from '../../src/ingest/format.js';
import { detectFormat } from '../../src/ingest/formats/index.js';
import type { BibRecord } from '../../src/ingest/record.js';
import { type CorpusEntry, corpusPath } from './corpus.js';
import { compareWithZotero, readExpected } from './zotero.js';

export interface CorpusCountCheck {
  /**
   * Warnings: none at all (the default), the codes expected per file, or
   * 'unchecked' where another test looks at them.
   */
  warnings?: 'none' | 'unchecked' | ((entry: CorpusEntry) => string[]);
  /** The record count, where it is not SOURCES.md's (a documented recount). */
  records?: (entry: CorpusEntry) => number;
  /** Also assert that content detection picks this format (from the first 64 KB, as the importer does). */
  detected?: boolean;
  /** What every record of these files must have (e.g. a title and a key). */
  every?: (record: BibRecord) => unknown;
  /** Further assertions for a file. */
  check?: (result: ParseResult, entry: CorpusEntry) => void;
  /** What the test name calls the records ("entries" for BibTeX). */
  noun?: string;
}

/** Each corpus file parses with zero errors into its SOURCES.md record count. */
export function expectCorpusCounts(format: FormatModule, entries: CorpusEntry[], check: CorpusCountCheck = {}): void {
  for (const entry of entries) {
    const count = check.records?.(entry) ?? entry.records;
    it(`${entry.file}: ${count} ${check.noun ?? 'records'}, no errors`, () => {
      const text = readFileSync(corpusPath(entry.file), 'utf8');
      if (check.detected) expect(detectFormat(text.slice(0, 65536))?.name).toBe(format.name);
      const result = parseText(format, text);
      expect(result.errors).toEqual([]);
      const warnings = check.warnings ?? 'none';
      if (warnings === 'none') expect(result.warnings).toEqual([]);
      else if (warnings !== 'unchecked') expect(result.warnings.map((w) => w.code)).toEqual(warnings(entry));
      expect(result.records).toHaveLength(count);
      if (check.every) expect(result.records.every(check.every)).toBe(true);
      check.check?.(result, entry);
    });
  }
}

/**
 * One test per Zotero translator test file in `dir` (beside each, Zotero's
 * `.expected.json`): no errors, and the fields where we disagree with Zotero
 * are exactly the deliberate differences listed for the file (none if unlisted).
 */
export function expectZoteroDifferences(
  format: FormatModule, dir: string, names: string[], expectedDifferences: Record<string, string[]> = {},
  options: { anyOrder?: boolean } = {},
): void {
  for (const name of names) {
    it(name, () => {
      const result = parseText(format, readFileSync(join(dir, name), 'utf8'));
      expect(result.errors).toEqual([]);
      const problems = compareWithZotero(result.records, readExpected(join(dir, name.replace(/\.[^.]+$/, '.expected.json'))));
      const expected = expectedDifferences[name] ?? [];
      if (options.anyOrder) expect([...problems.keys()].sort()).toEqual([...expected].sort());
      else expect([...problems.keys()]).toEqual(expected);
    });
  }
}

/** `prefix01.ext` … `prefixNN.ext`, the way Zotero numbers its translator tests. */
export function numberedFiles(prefix: string, count: number, ext: string): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}${ext}`);
}
