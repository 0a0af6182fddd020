/**
 * Every Boolean query in ../shared/corpus/queries/, with where it came from
 * and its dialect: CLEF TAR topic files (Ovid or PubMed strategies), the
 * transmute test strategies (Ovid), the search-query JSON records (WoS,
 * EBSCO, PubMed; the IEEE one is not a supported dialect), the
 * sysrev-seed-collection PubMed queries (original and edited), and the three
 * commandline4es queries SOURCES.md quotes (that folder holds only PMIDs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DialectName } from '../../src/search/syntax.js';

// As test/helpers/corpus.ts, without importing vitest (the benchmark and scripts use this too).
const CORPUS = process.env.REVIEW_CORPUS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
const corpusPath = (...parts: string[]) => join(CORPUS, ...parts);

export interface CorpusQuery {
  /** corpus-relative file, plus `#key` for queries inside JSON. */
  id: string;
  text: string;
  /** Dialect when the source says it; undefined = detect from the content. */
  dialect?: DialectName;
}

export interface SkippedQuery {
  id: string;
  reason: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const PLATFORM: Record<string, DialectName> = { wos: 'wos', 'web of science': 'wos', 'web of science - core collection': 'wos', ebsco: 'ebsco', pubmed: 'pubmed' };

export function corpusQueries(): { queries: CorpusQuery[]; skipped: SkippedQuery[] } {
  const root = corpusPath('queries');
  const queries: CorpusQuery[] = [];
  const skipped: SkippedQuery[] = [];
  for (const path of files(root).sort()) {
    const id = relative(corpusPath(), path);
    if (/\/topics_(test|train)\//.test(path)) queries.push({ id, text: readFileSync(path, 'utf8') });
    else if (/\/transmute\//.test(path)) queries.push({ id, text: readFileSync(path, 'utf8'), dialect: 'ovid' });
    else if (path.endsWith('.json')) {
      const j = JSON.parse(readFileSync(path, 'utf8')) as { platform?: string; database?: string | string[]; search_string?: string; translatedQuery?: string };
      const text = j.search_string ?? j.translatedQuery;
      const platform = (j.search_string ? j.platform : j.database) as string | undefined;
      const dialect = platform ? PLATFORM[platform.toLowerCase()] : undefined;
      if (!text) continue;
      if (!dialect) skipped.push({ id, reason: `platform "${platform}" is not a supported dialect` });
      else queries.push({ id: `${id}#${j.search_string ? 'search_string' : 'translatedQuery'}`, text, dialect });
    } else if (path.endsWith('.jsonl')) {
      readFileSync(path, 'utf8').split('\n').filter(Boolean).forEach((line) => {
        const j = JSON.parse(line) as { id: string; query: string; edited_search?: string };
        queries.push({ id: `${id}#${j.id}/query`, text: j.query, dialect: 'pubmed' });
        if (j.edited_search && j.edited_search !== j.query) queries.push({ id: `${id}#${j.id}/edited_search`, text: j.edited_search, dialect: 'pubmed' });
      });
    } else if (/commandline4es/.test(path)) {
      // The folder holds the PMIDs retrieved; SOURCES.md quotes the queries that retrieved them.
      queries.push({ id: `${id}#pubmed`, text: 'plos*[ta] AND 2018:2019[dp] AND "public health"[tw]', dialect: 'pubmed' });
      queries.push({ id: `${id}#wos`, text: 'TS=(public health) AND (SO=(plos*) OR SO=(bmc*)) AND (PY=2018 OR PY=2019)', dialect: 'wos' });
      queries.push({ id: `${id}#ovid-embase`, text: '(bmc or plos).jx. and ("2018" or "2019").dp.', dialect: 'ovid' });
    }
  }
  return { queries, skipped };
}
