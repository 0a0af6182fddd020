import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { lintDocument, lintJson, RULES } from '../../src/search/lint/index.js';
import { readQueryFile, readQueryText } from '../../src/search/protocol.js';
import type { DialectName } from '../../src/search/syntax.js';

function lint(dialect: DialectName, text: string, rule: string) {
  return lintDocument(readQueryText(text, 'q.txt', { dialect }), { rules: [rule] }).filter((f) => f.code === rule);
}

/** [rule, dialect, text that must be reported (with its column), text that must not] */
const CASES: Array<[string, DialectName, string, number, string]> = [
  ['unbalanced-parens', 'ebsco', 'a OR ((b N2 (c OR d))', 6, 'a OR ((b N2 (c OR d)))'],
  ['unbalanced-parens', 'wos', 'TS=(a AND b))', 13, 'TS=(a AND b)'],
  ['duplicate-term', 'ebsco', 'coalition OR network OR coalition', 25, 'coalition OR (network AND coalition)'],
  ['duplicate-term', 'ovid', '(4 OR 5 OR 5)', 0, '(4 OR 5)'],
  ['unquoted-phrase', 'scopus', 'charit* OR third sector', 12, 'charit* OR "third sector"'],
  ['truncation-in-phrase', 'scopus', '{community improve*} OR x', 1, '"community improve*" OR x'],
  ['short-truncation', 'ebsco', 'a* OR VCS*', 1, 'VCS* OR tie*'],
  ['short-truncation', 'pubmed', 'tie*[tiab]', 1, 'ties*[tiab]'],
  ['leading-wildcard', 'ebsco', '*ology OR x', 1, 'ology* OR x'],
  ['unsupported-operator', 'ebsco', 'community NEAR/2 council', 11, 'community N2 council'],
  ['unsupported-operator', 'scopus', 'community N2 council', 11, 'community W/2 council'],
  ['unsupported-operator', 'scopus', 'community adj3 council', 11, 'N2 fixation'],
  ['unsupported-wildcard', 'pubmed', 'cholangio?pancreatogra*[tiab]', 1, 'cholangio*[tiab]'],
  ['unsupported-wildcard', 'scopus', 'colo#r', 1, 'colo?r'],
  ['redundant-term', 'ebsco', 'network OR network* OR x', 1, 'network OR networks OR x'],
  ['redundant-term', 'ebsco', 'health* OR "overall health"', 12, '(positive N3 ("mental health" OR health*))'],
  ['mixed-operators', 'pubmed', 'a OR b AND c', 1, '(a OR b) AND c'],
  ['lowercase-operator', 'pubmed', 'a[tiab] or b[tiab]', 9, 'a[tiab] OR b[tiab]'],
];

describe('every lint rule has a positive and a negative case', () => {
  it('the table covers every rule', () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(RULES.map((r) => r.id)));
  });
  for (const [rule, dialect, bad, column, good] of CASES) {
    it(`${rule} (${dialect}): "${bad}" is reported, "${good}" is not`, () => {
      const found = lint(dialect, bad, rule);
      expect(found.length).toBeGreaterThan(0);
      if (column) expect(found[0].column).toBe(column);
      expect(found[0].fix).toBeTruthy();
      expect(lint(dialect, good, rule)).toEqual([]);
    });
  }
});

describe('lint on the reference review\'s verbatim strings', () => {
  const QUERIES = join(__dirname, '../../queries');
  const run = (file: string) =>
    lintDocument(readQueryFile(join(QUERIES, file), { name: `queries/${file}` }))
      .filter((f) => f.severity !== 'info')
      .map((f) => `${f.block} ${f.line}:${f.column} ${f.code} ${f.message.split(':')[0]}`);

  it('EBSCO: the unbalanced parenthesis, the repeats, the unquoted phrase, the redundant term', () => {
    expect(run('ebsco.txt')).toEqual([
      'A 7:76 duplicate-term "coalition" repeats the term at line 5, column 56',
      'B 11:31 unquoted-phrase "third sector" is not quoted',
      'B 16:53 duplicate-term "social business" repeats the term at line 15, column 26',
      'B 17:17 duplicate-term "social interest company" repeats the term at line 16, column 24',
      'B 18:61 unbalanced-parens this "(" is never closed',
      'C 24:25 duplicate-term "government" repeats the term at line 23, column 73',
      'E 37:61 redundant-term "overall health" is already retrieved by health* (line 36, column 33)',
      'F 47:56 duplicate-term "integration" repeats the term at line 46, column 29',
    ]);
  });

  it('Ovid: the same repeats; "positive relations" is redundant beside relation* once N3 became AND', () => {
    const found = run('ovid-spp.txt');
    expect(found.filter((f) => f.includes('unbalanced'))).toEqual([]);
    expect(found.map((f) => f.split(' ')[2])).toEqual([
      'duplicate-term', 'duplicate-term', 'duplicate-term', 'duplicate-term', 'redundant-term', 'duplicate-term', 'redundant-term',
    ]);
    expect(found[6]).toMatch(/^F 50:25 redundant-term "positive relations" is already retrieved by relation\*/);
    // Ovid reads the unquoted "third sector" as the phrase meant: a note, not a warning.
    const doc = readQueryFile(join(QUERIES, 'ovid-spp.txt'));
    expect(lintDocument(doc).find((f) => f.code === 'unquoted-phrase')).toMatchObject({ severity: 'info', line: 11, column: 31 });
  });

  it('Scopus: no parenthesis error; the same repeats and unquoted phrase', () => {
    expect(run('scopus.txt').map((f) => f.split(' ').slice(0, 3).join(' '))).toEqual([
      'A 7:76 duplicate-term', 'B 11:31 unquoted-phrase', 'B 16:53 duplicate-term', 'B 17:17 duplicate-term',
      'C 23:25 duplicate-term', 'E 36:61 redundant-term', 'F 46:56 duplicate-term',
    ]);
  });

  it('never rewrites the file, and gives JSON with rule, severity, block, line, column, message, fix', () => {
    const doc = readQueryFile(join(QUERIES, 'ebsco.txt'), { name: 'queries/ebsco.txt' });
    const json = lintJson(lintDocument(doc));
    expect(Object.keys(json[0]).sort()).toEqual(['block', 'column', 'file', 'fix', 'line', 'message', 'rule', 'severity']);
    expect(json.find((j) => j.rule === 'unquoted-phrase')).toMatchObject({ block: 'B', line: 11, column: 31, fix: '"third sector"' });
  });
});
