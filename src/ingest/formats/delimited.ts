/**
 * The delimited-text family, registered together: vendor profiles first,
 * the generic `csv` format (lowest sniff score) last.
 */
import type { FormatModule } from '../format.js';
import { csv } from './csv.js';
import { embaseCsv } from './embase-csv.js';
import { scopusCsv } from './scopus-csv.js';
import { wosTab } from './wos-tab.js';

export const DELIMITED_FORMATS: FormatModule[] = [scopusCsv, embaseCsv, wosTab, csv];
