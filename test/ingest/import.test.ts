import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { importFile, importPaths } from '../../src/ingest/import.js';
import { FORMATS } from '../../src/ingest/formats/index.js';
import type { FormatModule } from '../../src/ingest/format.js';
import { emptyRecord } from '../../src/ingest/record.js';
import { listRecords, showRecord } from '../../src/ingest/records.js';
import { importSummary } from '../../src/ingest/summary.js';
import { tempDir, writeTemp } from '../helpers/tmp.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// An EBSCOhost-style RIS export (CRLF, BOM) written for these tests.
const EBSCO = '\uFEFF' + [
  'TY  - JOUR', 'AU  - Jones, Alys', 'AU  - Price, Owen', 'T1  - Community anchors and local government',
  'JO  - Local Government Studies', 'Y1  - 2016/09//', 'VL  - 42', 'IS  - 5', 'SP  - 700', 'EP  - 719',
  'DO  - 10.99999/lgs.2016.42', 'DB  - psyh', 'DP  - EBSCOhost', 'ER  - ',
  'TY  - JOUR', 'AU  - Evans, Mair', 'Y1  - 2019//', 'DB  - cin20', 'DP  - EBSCOhost', 'ER  - ', '',
].join('\r\n');

const db = () => openDatabase(':memory:');

afterEach(() => {
  const i = FORMATS.findIndex((f) => f.name === 'test-broken');
  if (i >= 0) FORMATS.splice(i, 1);
});

describe('a forced --format that does not fit', () => {
  it('fails, and says which format the file looks like', () => {
    const path = writeTemp('cinahl.ris', EBSCO);
    const r = importFile(db(), path, { format: 'pubmed-xml' });
    expect(r.status).toBe('failed');
    expect(r.errors[0].message).toMatch(/this is not a PubMed XML file \(the file looks like RIS: try without --format\)$/);
    // Without --format nothing is hinted: detection chose the format.
    const csv = writeTemp('notes.txt', 'just a line of notes\n');
    expect(importFile(db(), csv, { format: 'ris' }).errors[0].message).toBe('no RIS records found in the file');
    // A format named in imports/sources.csv is fixed there, not on the command line.
    expect(importFile(db(), path, { format: 'pubmed-xml', provenanceFrom: 'sources.csv' }).errors[0].message)
      .toMatch(/\(the file looks like RIS: check the format column of imports\/sources\.csv\)$/);
  });
});

describe('importFile', () => {
  it('stores records with provenance: file, SHA-256, ordinal, line, database, search date, raw text', () => {
    const d = db();
    const path = writeTemp('cinahl.txt', EBSCO);
    const r = importFile(d, path, { searched: '2023-02-14', interface: 'EBSCOhost' });
    expect(r.status).toBe('imported');
    expect(r.format).toBe('ris');
    expect(r.records).toBe(2);
    const rec = showRecord(d, 1)!;
    expect(rec.title).toBe('Community anchors and local government');
    expect(rec.authors).toEqual(['Jones, Alys', 'Price, Owen']);
    expect(rec.database).toBe('APA PsycInfo'); // EBSCO code psyh, canonicalised
    expect(rec.searchedOn).toBe('2023-02-14');
    expect(rec.fileSha256).toBe(r.sha256);
    expect(rec.ordinal).toBe(1);
    expect(rec.line).toBe(1);
    expect(rec.raw).toContain('T1  - Community anchors and local government');
    expect(rec.pages).toBe('700-719');
    expect(showRecord(d, 2)!.line).toBe(15);
    expect(showRecord(d, 2)!.database).toBe('CINAHL');
  });

  it('importing the same bytes twice is a no-op that says so', () => {
    const d = db();
    const path = writeTemp('a.ris', EBSCO);
    importFile(d, path);
    const copy = writeTemp('renamed-copy.txt', EBSCO);
    const again = importFile(d, copy);
    expect(again.status).toBe('already-imported');
    expect(again.previousImport?.path).toContain('a.ris');
    expect(listRecords(d).total).toBe(2);
  });

  it('warns about records with no title or no DOI/PMID, and lists them', () => {
    const d = db();
    const r = importFile(d, writeTemp('a.ris', EBSCO));
    expect(r.status).toBe('imported');
    const flagged = listRecords(d, { warnings: true }).rows;
    expect(flagged).toHaveLength(1);
    expect(flagged[0].warnings?.map((w) => w.code).sort()).toEqual(['record/no-identifier', 'record/no-title']);
  });

  it('rolls back the whole file when the reader reports an error mid-way', () => {
    const broken: FormatModule = {
      name: 'test-broken', label: 'test', sniff: () => 0,
      *read() {
        yield { kind: 'record', record: { ...emptyRecord('one', 1), title: 'first' } };
        yield { kind: 'diagnostic', diagnostic: { severity: 'error', code: 'x/bad', line: 7, record: 2, message: 'tag XX is not valid here' } };
      },
    };
    FORMATS.push(broken);
    const d = db();
    const r = importFile(d, writeTemp('bad.txt', 'whatever'), { format: 'test-broken' });
    expect(r.status).toBe('failed');
    expect(r.errors[0]).toMatchObject({ line: 7, record: 2, message: 'tag XX is not valid here' });
    expect(listRecords(d).total).toBe(0);
    expect(importSummary(d).totals.files).toBe(0);
  });

  it('fails clearly on a file with no recognisable format, and on an empty file', () => {
    const d = db();
    const r = importFile(d, writeTemp('notes.txt', 'just some notes\nnothing bibliographic\n'));
    expect(r.status).toBe('failed');
    expect(r.errors[0].message).toMatch(/cannot tell which export format/);
    expect(importFile(d, writeTemp('empty.ris', '')).errors[0].message).toMatch(/empty/);
  });

  it('fails when a forced format finds no records, writing nothing', () => {
    const d = db();
    const r = importFile(d, writeTemp('x.ris', 'hello\n'), { format: 'ris' });
    expect(r.status).toBe('failed');
    expect(r.errors[0].code).toBe('import/no-records');
    expect(importSummary(d).totals.files).toBe(0);
  });

  it('reads a table no format recognises as a generic CSV when --column maps its headers', () => {
    const d = db();
    const csv = 'Report title,Published\nCommunity anchors in Wales,2019\n';
    expect(importFile(d, writeTemp('sites.csv', csv), {}).status).toBe('failed');
    const r = importFile(d, writeTemp('sites2.csv', csv), { method: 'website', columns: { title: 'Report title', year: 'Published' } });
    expect(r).toMatchObject({ status: 'imported', format: 'csv', records: 1 });
    expect(d.prepare('SELECT title, year FROM records').get()).toEqual({ title: 'Community anchors in Wales', year: 2019 });
  });

  it('keeps user-given provenance: database, method, previous', () => {
    const d = db();
    importFile(d, writeTemp('w.ris', EBSCO), { database: 'Local Trust website', method: 'website', previous: true });
    const s = importSummary(d);
    expect(s.files[0]).toMatchObject({ database: 'Local Trust website', method: 'website', previous: true });
    expect(s.databases).toEqual([{ database: 'Local Trust website', method: 'website', records: 2 }]);
  });

  it('names the database of a record that names none from its link to the database\'s own record page (Lens, Dimensions)', () => {
    // A Lens.org RIS export as written (BOM, no DB/DP, the Lens ID in ID and UR); the second record says its database.
    const lens = '\uFEFF' + [
      'TY  - JOUR', 'AU  - Browne, Matthew', 'DO  - 10.31234/osf.io/fu4mj', 'ID  - 001-257-578-706-377', 'PY  - 2021',
      'TI  - Benchmarking gambling screens to health-state utility', 'UR  - https://lens.org/001-257-578-706-377', 'ER  - ',
      'TY  - JOUR', 'TI  - Another', 'UR  - https://app.dimensions.ai/details/publication/pub.1234567890', 'ER  - ',
      'TY  - JOUR', 'TI  - Named', 'DB  - psyh', 'UR  - https://lens.org/002-369-373-685-368', 'ER  - ', '',
    ].join('\r\n');
    const d = db();
    expect(importFile(d, writeTemp('lens.ris', lens)).status).toBe('imported');
    expect(listRecords(d).rows.map((r) => r.database)).toEqual(['Lens', 'Dimensions', 'APA PsycInfo']);
    // What the user says still wins.
    const e = db();
    importFile(e, writeTemp('lens2.ris', lens), { database: 'The Lens (update search)' });
    expect(new Set(listRecords(e).rows.map((r) => r.database))).toEqual(new Set(['The Lens (update search)']));
  });

  it('a file is one database\'s export when at least half its records name that one and none names another', () => {
    const ris = (named: number, unnamed: number) => [
      ...Array.from({ length: named }, (_, i) => `TY  - JOUR\r\nTI  - Named ${i}\r\nDB  - MEDLINE\r\nER  - \r\n`),
      ...Array.from({ length: unnamed }, (_, i) => `TY  - JOUR\r\nTI  - Unnamed ${i}\r\nER  - \r\n`),
    ].join('');
    const one = db();
    expect(importFile(one, writeTemp('medline.ris', ris(2, 1))).database).toBe('MEDLINE');
    expect(importSummary(one).databases.map((x) => [x.database, x.records])).toEqual([['MEDLINE', 3]]);
    // A merged library (Rayyan, EndNote): one record in three says where it came from; the others are not counted with it.
    const merged = db();
    const r = importFile(merged, writeTemp('library.ris', ris(1, 2)));
    expect(r.database).toBeUndefined();
    expect(importSummary(merged).databases.map((x) => [x.database, x.records])).toEqual([['(not stated)', 2], ['MEDLINE', 1]]);
  });

  it('review records --database selects databases as review status names them: "(not stated)", a platform, any case', () => {
    const d = db();
    importFile(d, writeTemp('plain.ris', 'TY  - JOUR\r\nTI  - Unnamed\r\nER  - \r\n'));
    importFile(d, writeTemp('host.ris', 'TY  - JOUR\r\nTI  - On a platform\r\nER  - \r\n'), { interface: 'EBSCOhost' });
    importFile(d, writeTemp('cinahl.txt', EBSCO));
    const names = importSummary(d).databases.map((x) => x.database);
    expect(names).toEqual(expect.arrayContaining(['(not stated)', 'EBSCOhost', 'APA PsycInfo', 'CINAHL']));
    for (const name of names) {
      const shown = importSummary(d).databases.find((x) => x.database === name)!.records;
      expect(listRecords(d, { database: name.toUpperCase() }).total).toBe(shown);
    }
    expect(listRecords(d, { database: '(not stated)' }).rows.map((r) => r.title)).toEqual(['Unnamed']);
  });
});

describe('provenance given after the import', () => {
  const RIS = 'TY  - JOUR\nTI  - A\nDO  - 10.99999/a\nER  - \nTY  - JOUR\nTI  - B\nDB  - psyh\nDP  - EBSCOhost\nER  - \n';
  const fileRow = (d: ReturnType<typeof db>) => d.prepare('SELECT database, interface, searched_on AS searched, given FROM import_files').get();
  const recordDatabases = (d: ReturnType<typeof db>) => d.prepare('SELECT database FROM records ORDER BY ordinal').pluck().all();

  it('importing the same file again with flags applies them, keeps what was given before, and logs the change', () => {
    const d = db();
    const path = writeTemp('mixed.ris', RIS);
    importFile(d, path);
    expect(recordDatabases(d)).toEqual([null, 'APA PsycInfo']);
    const again = importFile(d, path, { database: 'CINAHL' });
    expect(again).toMatchObject({ status: 'already-imported', database: 'CINAHL' });
    // The file's database was the one its records named (APA PsycInfo); now it is what the person says.
    expect(again.provenanceChanges).toEqual(['database: APA PsycInfo → CINAHL', '1 records\' database: (none) → CINAHL', '1 records\' database: APA PsycInfo → CINAHL']);
    expect(recordDatabases(d)).toEqual(['CINAHL', 'CINAHL']);
    // Flags add to what was given: a search date later keeps the database.
    expect(importFile(d, path, { searched: '2023-02-14' }).provenanceChanges).toEqual(['searched: (none) → 2023-02-14']);
    expect(fileRow(d)).toMatchObject({ database: 'CINAHL', searched: '2023-02-14', given: '{"database":"CINAHL","searched":"2023-02-14"}' });
    // No flags: nothing to change, nothing logged.
    const logged = d.prepare('SELECT COUNT(*) FROM provenance_changes').pluck().get();
    expect(importFile(d, path).provenanceChanges).toBeUndefined();
    expect(d.prepare('SELECT COUNT(*) FROM provenance_changes').pluck().get()).toBe(logged);
  });

  it('an unset option is not a given one: the arm, date and flags given before survive a re-import with other flags', () => {
    const d = db();
    const path = writeTemp('web.csv', 'ID,title,year\nW1,Local trust report,2020\n');
    importFile(d, path, { method: 'website', searched: '2023-03-01', previous: true, format: 'csv' });
    expect(importFile(d, path, { database: 'Local Trust website' }).provenanceChanges).toEqual(expect.arrayContaining(['database: (none) → Local Trust website']));
    expect(d.prepare('SELECT method, searched_on AS searched, previous FROM import_files').get()).toEqual({ method: 'website', searched: '2023-03-01', previous: 1 });
  });

  it('a file imported before provenance was recorded keeps what it was given when something else is asked', () => {
    const d = db();
    const path = writeTemp('pre007.ris', RIS);
    importFile(d, path, { method: 'citation', searched: '2022-01-01', previous: true, database: 'Google Scholar', interface: 'Google' });
    d.prepare('UPDATE import_files SET given = NULL').run();
    expect(importFile(d, path, { interface: 'Google Scholar' }).provenanceChanges).toEqual(['interface: Google → Google Scholar']);
    expect(d.prepare('SELECT database, method, searched_on AS searched, previous FROM import_files').get())
      .toEqual({ database: 'Google Scholar', method: 'citation', searched: '2022-01-01', previous: 1 });
    expect(recordDatabases(d)).toEqual(['Google Scholar', 'Google Scholar']);
  });

  it('a generic CSV is read again with the column mapping it was imported with', () => {
    const d = db();
    const path = writeTemp('team.csv', 'Report title,Found in\nCommunity anchors,Local Trust\n');
    importFile(d, path, { columns: { title: 'Report title', database: 'Found in' } });
    expect(recordDatabases(d)).toEqual(['Local Trust']);
    expect(importFile(d, path, { searched: '2023-05-01' }).provenanceChanges).toEqual(['searched: (none) → 2023-05-01']);
    expect(recordDatabases(d)).toEqual(['Local Trust']);
  });

  it('a provenance change that cannot be applied fails the file and changes nothing', () => {
    const d = db();
    const path = writeTemp('team2.csv', 'Report title,Found in\nCommunity anchors,Local Trust\n');
    importFile(d, path, { columns: { title: 'Report title' } });
    const r = importFile(d, path, { database: 'X', columns: { title: 'No such header' } });
    expect(r.status).toBe('failed');
    expect(r.errors[0].message).toMatch(/provenance could not be updated \(nothing was changed\)/);
    expect(d.prepare('SELECT database FROM import_files').pluck().get()).toBeNull();
  });

  it('a file imported before provenance was recorded changes only when something is asked', () => {
    const d = db();
    const path = writeTemp('old.ris', RIS);
    importFile(d, path);
    d.prepare('UPDATE import_files SET given = NULL').run();
    expect(importFile(d, path).provenanceChanges).toBeUndefined();
    // The platform asked for is the one derived already: nothing changes, but what was given is now kept.
    expect(importFile(d, path, { interface: 'EBSCOhost' }).provenanceChanges).toBeUndefined();
    expect(fileRow(d)).toMatchObject({ interface: 'EBSCOhost', given: '{"interface":"EBSCOhost"}' });
    expect(importFile(d, path, { searched: '2023-01-09' }).provenanceChanges).toEqual(['searched: (none) → 2023-01-09']);
    expect(recordDatabases(d)).toEqual([null, 'APA PsycInfo']);
  });
});

describe('the platform searched (PRISMA-S)', () => {
  const platformOf = (name: string, text: string | Buffer, options = {}) => {
    const d = db();
    expect(importFile(d, writeTemp(name, text), options).status).toBe('imported');
    return importSummary(d).files[0].interface;
  };

  it('is what the records say (EBSCOhost DP, an Ovid database name), else the format\'s or the database\'s only platform', () => {
    expect(platformOf('ebsco.ris', EBSCO)).toBe('EBSCOhost');
    expect(platformOf('ovid.ris', 'TY  - JOUR\nTI  - A\nDB  - Ovid MEDLINE(R) <2022>\nER  - \n')).toBe('Ovid');
    expect(platformOf('scopus.ris', 'TY  - JOUR\nTI  - A\nDB  - Scopus\nER  - \n')).toBe('Scopus');
    expect(platformOf('wos.txt', 'FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI A title\nUT WOS:000082252000006\nER\nEF\n')).toBe('Web of Science');
    // A publication date in DP (some converters) or a database in DP alone names no platform.
    expect(platformOf('dp.ris', 'TY  - JOUR\nTI  - A\nDP  - 2016 Jan\nER  - \n')).toBeNull();
    expect(platformOf('cinahl.ris', 'TY  - JOUR\nTI  - A\nDP  - CINAHL\nER  - \n')).toBeNull();
  });

  it('is what the user says first, and nothing when records disagree', () => {
    expect(platformOf('ebsco2.ris', EBSCO, { interface: 'EBSCO Discovery' })).toBe('EBSCO Discovery');
    expect(platformOf('mixed.ris', 'TY  - JOUR\nTI  - A\nDB  - psyh\nDP  - EBSCOhost\nER  - \nTY  - JOUR\nTI  - B\nDB  - Ovid MEDLINE(R)\nER  - \n')).toBeNull();
  });
});

describe('importPaths', () => {
  it('expands folders, skips hidden files, and validates options before touching anything', () => {
    const d = db();
    const dir = tempDir();
    writeFileSync(join(dir, 'a.ris'), EBSCO);
    writeFileSync(join(dir, '.hidden.ris'), EBSCO.replace('Community', 'Hidden'));
    expect(importPaths(d, [dir]).map((r) => r.status)).toEqual(['imported']);
    expect(() => importPaths(d, [dir], { searched: '14/02/2023' })).toThrow(/YYYY-MM-DD/);
    expect(() => importPaths(d, [dir], { searched: '2023-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(() => importPaths(d, [dir], { searched: '2023-13-01' })).toThrow(/YYYY-MM-DD/);
    expect(() => importPaths(d, [dir], { format: 'nope' })).toThrow(/unknown format/);
    expect(() => importPaths(d, [join(dir, 'missing.ris')])).toThrow(/no such file/);
  });
});

describe('canonical database names', () => {
  it('maps EBSCOhost codes and vendor spellings to one name, and leaves unknown names as written', async () => {
    const { canonicalDatabase } = await import('../../src/ingest/databases.js');
    expect(canonicalDatabase('psyh')).toBe('APA PsycInfo');
    expect(canonicalDatabase('egh')).toBe('Environment Index');
    expect(canonicalDatabase('i3h')).toBe('Criminal Justice Abstracts');
    expect(canonicalDatabase('Ovid MEDLINE(R) <2022>')).toBe('MEDLINE');
    expect(canonicalDatabase('PTSDpubs')).toBe('PTSDpubs');
    expect(canonicalDatabase('  ')).toBeUndefined();
  });
});
