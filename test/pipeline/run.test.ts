/**
 * The main job on the illustrative sample review shipped in imports/: every
 * stage runs, the de-duplication matches the ground truth written beside the
 * sample (imports/EXPECTED.json), and a second run changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/store/db.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { readSources, workspaceAt } from '../../src/workspace/workspace.js';
import { tempDir } from '../helpers/tmp.js';

const ROOT = resolve(__dirname, '../..');

interface Expected {
  files: Record<string, number>;
  duplicateGroups: string[][];
  notDuplicates: string[][];
  uniqueRecords: number;
}

function sampleWorkspace() {
  const dir = tempDir();
  for (const folder of ['queries', 'imports', 'screening']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  const ws = workspaceAt(dir);
  return { ws, db: openDatabase(ws.database) };
}

describe('review run on the sample review', () => {
  it('imports, de-duplicates as EXPECTED.json says, searches, checks criteria, writes reports; then is idempotent', () => {
    const { ws, db } = sampleWorkspace();
    const expected = JSON.parse(readFileSync(join(ROOT, 'imports', 'EXPECTED.json'), 'utf8')) as Expected;
    const first = runPipeline(db, ws);
    expect(first.failed).toBe(false);
    expect(Object.fromEntries(first.imports.map((r) => [r.path.replace('imports/', ''), r.records]))).toEqual(expected.files);

    // Each record's group (its primary, or itself), keyed file#sourceKey or file#ordinal.
    const rows = db.prepare(`SELECT r.id, r.ordinal, r.source_key AS sk, r.duplicate_of AS dup, f.path
      FROM records r JOIN import_files f ON f.id = r.file_id`).all() as Array<{ id: number; ordinal: number; sk: string | null; dup: number | null; path: string }>;
    const groupOf = new Map<string, number>();
    for (const r of rows) {
      const file = r.path.replace('imports/', '');
      for (const key of [`${file}#${r.sk}`, `${file}#${r.ordinal}`]) if (!groupOf.has(key)) groupOf.set(key, r.dup ?? r.id);
    }
    for (const group of expected.duplicateGroups) {
      expect(new Set(group.map((k) => groupOf.get(k))).size, `one group: ${group.join(', ')}`).toBe(1);
    }
    for (const [a, b] of expected.notDuplicates) expect(groupOf.get(a), `${a} ≠ ${b}`).not.toBe(groupOf.get(b));
    expect(first.dedupe.uniqueRecords).toBe(expected.uniqueRecords);

    expect(first.search.files.map((f) => f.file)).toEqual(['queries/ebsco.txt', 'queries/ovid-spp.txt', 'queries/scopus.txt']);
    expect(first.lint.some((f) => f.code === 'unbalanced-parens' && f.file === 'queries/ebsco.txt')).toBe(true);
    expect(first.screening.stages[0].records).toBe(expected.uniqueRecords);
    // The screening archive replays into the database: every title/abstract record decided, conflicts resolved.
    expect(first.decisions?.written).toBeGreaterThan(100);
    expect(first.screening.stages[0]).toMatchObject({ pending: 0, unresolved: 0 });
    expect(first.screening.stages[1].included).toBeGreaterThan(0);
    const written = first.reports.map((r) => r.path.replace(`${ws.reports}/`, '')).sort();
    expect(written).toEqual(expect.arrayContaining(['imports.md', 'search.md', 'prisma.svg', 'prisma.cy.svg', 'prisma.html',
      'extraction-template.csv', 'included-studies.md']));
    expect(readFileSync(join(ws.reports, 'prisma.svg'), 'utf8')).toContain('<svg');

    const second = runPipeline(db, ws);
    expect(second.changed).toBe(false);
    expect(second.decisions?.written).toBe(0);
    expect(second.imports.every((r) => r.status === 'already-imported')).toBe(true);
    expect(second.reports.every((r) => !r.changed)).toBe(true);
  });
});

describe('imports/sources.csv', () => {
  /** Read a sources.csv of this text, in a workspace of its own. */
  const readSourcesOf = (text: string) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'imports'));
    writeFileSync(join(dir, 'imports', 'sources.csv'), text);
    return () => readSources(workspaceAt(dir));
  };

  it('refuses a search date that is not a real date (2023-02-30), naming the line', () => {
    expect(readSourcesOf('file,database,interface,searched,method\na.ris,Scopus,,2023-02-14,database\nb.ris,Scopus,,2023-02-30,database\n'))
      .toThrow(/sources\.csv:3: searched must be a date written YYYY-MM-DD, got "2023-02-30"/);
  });

  it('refuses two rows for one file (however its path is written), naming both lines', () => {
    expect(readSourcesOf('file,database\r\na.ris,Scopus\r\nb.ris,Embase\r\nimports/a.ris,CINAHL\r\n'))
      .toThrow(/sources\.csv:4: a second row for imports\/a\.ris \(the first is on line 2\): keep one/);
  });

  it('names files as the workspace does (imports/x.ris and ./x.ris are x.ris); a row naming no file in imports/ is warned about', async () => {
    const { ws, db } = sampleWorkspace();
    const sources = join(ws.imports, 'sources.csv');
    const original = readFileSync(sources, 'utf8');
    // The row for pubmed.xml written with the folder in front, and a row whose file is misspelt.
    writeFileSync(sources, original.replace(/^pubmed\.xml,MEDLINE,/m, 'imports/pubmed.xml,Europe PMC,') + 'pubmd.xml,PubMed,,2023-02-14,database\n');
    const result = runPipeline(db, ws);
    expect(result.failed).toBe(false);
    expect(result.imports.find((r) => r.path === 'imports/pubmed.xml')?.database).toBe('Europe PMC');
    const line = readFileSync(sources, 'utf8').trimEnd().split('\n').length;
    expect(result.unmatchedSources).toEqual([{ file: 'pubmd.xml', line, why: 'missing' }]);
    // A row for a file that describes the exports is not a typo, but applies to nothing either.
    writeFileSync(sources, `${readFileSync(sources, 'utf8')}README.md,,,,database\n`);
    expect(runPipeline(db, ws).unmatchedSources.map((u) => [u.file, u.why])).toEqual([['pubmd.xml', 'missing'], ['README.md', 'not an export']]);
  });

  it('is the provenance of files already imported too: a row added or changed later is applied on the next run, and logged', async () => {
    const { ws, db } = sampleWorkspace();
    const sources = join(ws.imports, 'sources.csv');
    const original = readFileSync(sources, 'utf8');
    runPipeline(db, ws);
    const citations = () => db.prepare(`SELECT f.database, f.method, f.searched_on AS searched, COUNT(r.id) AS n,
      SUM(r.database = 'Google Scholar') AS named FROM import_files f JOIN records r ON r.file_id = f.id
      WHERE f.path = 'imports/other-sources-citations.ris'`).get() as { database: string | null; method: string; searched: string | null; n: number; named: number };
    const before = citations();
    expect(before.method).toBe('citation');
    writeFileSync(sources, original.replace(/^other-sources-citations\.ris,.*$/m,
      'other-sources-citations.ris,Google Scholar,Google Scholar,2023-03-01,citation'));
    const second = runPipeline(db, ws);
    expect(second.changed).toBe(true);
    const updated = second.imports.find((r) => r.path === 'imports/other-sources-citations.ris')!;
    expect(updated.provenanceChanges).toEqual(expect.arrayContaining(['database: (none) → Google Scholar', 'searched: 2023-04-18 → 2023-03-01', 'interface: Citation searching → Google Scholar']));
    expect(citations()).toMatchObject({ database: 'Google Scholar', searched: '2023-03-01', named: before.n });
    const log = db.prepare("SELECT field, new_value AS value, source FROM provenance_changes ORDER BY id").all();
    expect(log).toEqual(expect.arrayContaining([
      { field: 'database', value: 'Google Scholar', source: 'sources.csv' },
      { field: 'records.database', value: 'Google Scholar', source: 'sources.csv' },
    ]));
    expect(() => db.prepare('DELETE FROM provenance_changes').run()).toThrow(/append-only/);
    const { provenanceHistory } = await import('../../src/ingest/provenance.js');
    expect(provenanceHistory(db)).toEqual(expect.arrayContaining([expect.objectContaining({
      file: 'imports/other-sources-citations.ris', field: 'database', from: null, to: 'Google Scholar', source: 'sources.csv',
    })]));
    // Nothing more to apply: the next run changes nothing.
    expect(runPipeline(db, ws).changed).toBe(false);
  });

  it('speaks only for the columns it has (a --previous flag survives a file without a previous column), and only for its own path', async () => {
    const { copyFileSync } = await import('node:fs');
    const { importFile } = await import('../../src/ingest/import.js');
    const { ws, db } = sampleWorkspace();
    importFile(db, join(ws.imports, 'ebsco.ris'), { previous: true, workspace: ws.root });
    runPipeline(db, ws);
    const previous = () => db.prepare("SELECT previous FROM import_files WHERE path = 'imports/ebsco.ris'").pluck().get();
    expect(previous()).toBe(1);
    // With a previous column, the row decides.
    const sources = join(ws.imports, 'sources.csv');
    const text = readFileSync(sources, 'utf8').trimEnd().split('\n');
    writeFileSync(sources, [`${text[0]},previous`, ...text.slice(1).map((l) => `${l},${l.startsWith('ebsco.ris,') ? 'no' : ''}`)].join('\n') + '\n');
    runPipeline(db, ws);
    expect(previous()).toBe(0);
    // The same bytes under another name with another row: the copy's row does not rewrite the original.
    copyFileSync(join(ws.imports, 'scopus.csv'), join(ws.imports, 'scopus-copy.csv'));
    writeFileSync(sources, readFileSync(sources, 'utf8') + 'scopus-copy.csv,Embase,Embase.com,2023-01-01,database,\n');
    const once = runPipeline(db, ws);
    expect(once.imports.find((r) => r.path === 'imports/scopus-copy.csv')?.provenanceChanges).toBeUndefined();
    expect(runPipeline(db, ws).changed).toBe(false);
    expect(db.prepare("SELECT database FROM import_files WHERE path = 'imports/scopus.csv'").pluck().get()).toBe('Scopus');
  });
});
