import { expect, it } from 'vitest';
import { key, normalise } from '../../src/search/ast.js';
import { documentFindings, readQueryText, type QueryDocument } from '../../src/search/protocol.js';
import { sourceFromString } from '../../src/search/source.js';
import { describeCorpus } from '../helpers/corpus.js';
import { corpusQueries } from './corpus-queries.js';

describeCorpus('every query in ../shared/corpus/queries', () => {
  const { queries, skipped } = corpusQueries();
  const docs = queries.map((q) => ({ q, doc: readQueryText(q.text, q.id, { dialect: q.dialect }) }));
  const errorsOf = (doc: QueryDocument) => documentFindings(doc).filter((f) => f.severity === 'error');

  it('parses, or fails with a precise error where the source itself is malformed', () => {
    const failed = docs.filter(({ doc }) => errorsOf(doc).length > 0);
    expect(failed.map(({ q, doc }) => errorsOf(doc).map((e) => `${q.id}:${e.line}:${e.column} ${e.code}`)).flat()).toEqual([
      // `Serology"[MeSH]`: the opening quote is missing.
      'queries/clef-tar/2017/topics_train/55:14:9 unterminated-quote',
      // A linter test fixture with one ")" too many.
      'queries/search-query/search_history_file_2_linter.json#search_string:1:29 unbalanced-parens',
      // `… NOT (Animals[Mesh] not (Animals[Mesh] and Humans[Mesh])`: the last group never closes.
      'queries/sysrev-seed-collection/overall_collection.jsonl#102/edited_search:1:1537 unbalanced-parens',
    ]);
    const rate = (docs.length - failed.length) / docs.length;
    expect(docs.length).toBe(164);
    expect(rate).toBeGreaterThan(0.98); // 161 / 164
    expect(skipped).toEqual([{ id: 'queries/search-query/translation_ieeeTest.json', reason: 'platform "IEEE Xplore" is not a supported dialect' }]);
  });

  it('reports, with their position, the defects databases tolerate', () => {
    const warnings = docs.flatMap(({ q, doc }) => documentFindings(doc).filter((f) => f.code === 'missing-operator').map((f) => `${q.id}:${f.line}:${f.column}`));
    expect(warnings).toEqual([
      'queries/clef-tar/2017/topics_train/14:13:51', // `or( near* patient)). tw.`: a space inside the field suffix
      'queries/clef-tar/2017/topics_train/37:6:469', // `…injur* [tw])Total references = 1551`: a note pasted after the query
      'queries/clef-tar/2017/topics_train/55:14:9', // the unterminated `"[MeSH]` stands beside `Serology`
      'queries/sysrev-seed-collection/overall_collection.jsonl#60/query:1:1420', // `Humans[Mesh]/)`: a stray slash
      'queries/sysrev-seed-collection/overall_collection.jsonl#60/edited_search:1:1420',
      'queries/sysrev-seed-collection/overall_collection.jsonl#39/query:1:373', // `Atonic[tiab] Impaired[tiab]`: OR missing
      'queries/sysrev-seed-collection/overall_collection.jsonl#39/edited_search:1:373',
    ]);
  });

  it('detects the PubMed topics SOURCES.md names among the CLEF Ovid ones', () => {
    const pubmed = docs.filter(({ q, doc }) => q.id.includes('clef-tar') && doc.dialect.name === 'pubmed').map(({ q }) => q.id.replace('queries/clef-tar/2017/', ''));
    expect(pubmed.sort()).toEqual(['topics_test/10', 'topics_test/32', 'topics_train/19', 'topics_train/28', 'topics_train/35', 'topics_train/37', 'topics_train/38', 'topics_train/44', 'topics_train/55', 'topics_train/6']);
  });

  it('prints every line back to an equivalent tree', () => {
    let blocks = 0;
    for (const { doc } of docs) {
      const labels = new Set(doc.blocks.map((b) => b.label));
      for (const b of doc.blocks) {
        if (!b.ast) continue;
        blocks++;
        const text = doc.dialect.print(b.ast).text;
        const again = doc.dialect.parse(sourceFromString(text), { labels, statement: doc.kind === 'strategy' }).ast;
        expect(again && key(normalise(again, { dedupe: false })), `${doc.file} ${b.label}: ${text}`).toBe(key(normalise(b.ast, { dedupe: false })));
      }
    }
    expect(blocks).toBeGreaterThan(2000);
  });
});

it('the corpus helper works without vitest globals', () => {
  expect(typeof corpusQueries).toBe('function');
});
