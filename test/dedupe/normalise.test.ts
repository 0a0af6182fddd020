import { describe, expect, it } from 'vitest';
import {
  fold, journalVariants, normalisePages, normaliseRecord, normaliseVolume, parseAuthor, stripTitleNotes, titleParts, words,
} from '../../src/dedupe/normalise.js';
import { authorAgreement, journalAgreement, titleSimilarity } from '../../src/dedupe/similarity.js';
import { rec } from './helpers.js';

const norm = (fields: Parameters<typeof rec>[0]) => normaliseRecord(rec(fields));

describe('title normalisation', () => {
  it('folds case, punctuation, diacritics, ligatures, Greek letters and markup; keeps spelling', () => {
    expect(words('Effets du <i>β</i>-bloquant sur l’œdème: étude – «pilote»')).toEqual(
      ['effets', 'du', 'beta', 'bloquant', 'sur', 'l', 'oedeme', 'etude', 'pilote']);
    expect(words('Paediatric haemolytic anaemia')).toEqual(['paediatric', 'haemolytic', 'anaemia']); // British spelling kept
    expect(fold('Ærø Müller')).toBe('aero muller');
  });

  it('drops a character lost to a bad encoding instead of splitting the word', () => {
    expect(words('Annales fran?aises d\u2019anesth\ufffdsie')).toEqual(['annales', 'franaises', 'd', 'anesthsie']);
    expect(words('Does it work?')).toEqual(['does', 'it', 'work']);
  });

  it('strips database notes and unwraps translated titles', () => {
    expect(stripTitleNotes('Update on HPV infection. [Review] [33 refs]')).toBe('Update on HPV infection');
    expect(stripTitleNotes('[Clinical aspects of the complement system]. [Japanese]')).toBe('Clinical aspects of the complement system');
    expect(stripTitleNotes('HPV testing after CIN 3 (Provisional abstract)')).toBe('HPV testing after CIN 3');
    expect(stripTitleNotes('Atypical HUS associated with streptococcus (multiple letters) [1]')).toBe('Atypical HUS associated with streptococcus');
    expect(stripTitleNotes('Eculizumab for aHUS.[Erratum appears in N Engl J Med. 2009 Jun')).toBe('Eculizumab for aHUS');
    expect(stripTitleNotes('[Research on fast track surgery in lung cancer] LA: Chi')).toBe('Research on fast track surgery in lung cancer');
    expect(titleParts('[Pericarditis in lupus]').translated).toBe(true);
  });

  it('reads notice markers: errata, corrections, replies, and WoS/Embase correction citations', () => {
    expect(titleParts('Erratum: Gain-of-function mutations in factor B')).toEqual(
      { text: 'Gain-of-function mutations in factor B', marker: 'erratum', translated: false });
    expect(titleParts('Eculizumab for Atypical Hemolytic-Uremic Syndrome (vol 360, pg 542, 2009)').marker).toBe('erratum');
    expect(titleParts('Eculizumab for aHUS (New England Journal of Medicine (2009) 360 (542-544))').text).toBe('Eculizumab for aHUS');
    expect(titleParts('Thrombomodulin in Atypical Hemolytic-Uremic Syndrome AUTHORS REPLY')).toMatchObject(
      { text: 'Thrombomodulin in Atypical Hemolytic-Uremic Syndrome', marker: 'reply' });
    expect(titleParts('Comment on: statins in the elderly').marker).toBe('comment');
    // A real title that starts with a notice word is not a notice.
    expect(titleParts('Correction of hypokalaemia in dogs').marker).toBeNull();
    expect(norm({ title: 'RETRACTED: Vitamin D and mood' }).title).toBe('vitamin d and mood');
    expect(norm({ title: 'RETRACTED: Vitamin D and mood' }).kind).toBe('article');
  });

  it('calls generic titles generic, including a title that is only the journal name and numbering', () => {
    expect(norm({ title: 'Editorial' }).genericTitle).toBe(true);
    expect(norm({ title: 'Book Review.' }).genericTitle).toBe(true);
    expect(norm({ title: 'UNKNOWN' }).title).toBe('');
    expect(norm({ title: 'Communications of the AIS Volume 52 Paper 45', journal: 'Communications of the AIS' }).genericTitle).toBe(true);
    expect(norm({ title: 'Editorial policies for trial registration' }).genericTitle).toBe(false);
  });

  it('finds truncated titles and dropped subtitles by containment, typos by similarity', () => {
    const full = norm({ title: 'Neighbourhood networks in Wales: a mixed-methods evaluation of community anchors' });
    expect(titleSimilarity(full, norm({ title: 'Neighbourhood networks in Wales' })).how).toBe('prefix');
    expect(titleSimilarity(full, norm({ title: 'Neighbourhood networks in Wales: a mixed-methods evaluation of comm' })).how).toBe('prefix');
    expect(titleSimilarity(full, norm({ title: 'MEDICAL PROGRESS Neighbourhood networks in Wales: a mixed-methods evaluation of community anchors' })).how)
      .toBe('suffix');
    const typo = titleSimilarity(full, norm({ title: 'Neighbourhood netwroks in Wales: a mixed methods evaluation of community anchors' }));
    expect(typo.how).toBe('fuzzy');
    expect(typo.sim).toBeGreaterThan(0.95);
  });
});

describe('authors', () => {
  it('parses the usual forms to the same surname', () => {
    for (const name of ['Smith, John A.', 'Smith JA', 'J. A. Smith', 'John Smith', 'Smith, J', 'SMITH J.A.']) {
      expect(parseAuthor(name)?.surname).toBe('smith');
    }
    expect(parseAuthor('van der Berg, H')?.surname).toBe('vanderberg');
    expect(parseAuthor('Müller-Werdan, U.')?.surname).toBe('mullerwerdan');
    expect(parseAuthor('et al.')).toBeUndefined();
  });

  it('matches author lists whatever their order, form or truncation', () => {
    const a = norm({ authors: ['Smith, John', 'Jones, Alys', 'Patel, Ravi', 'Khan, Omar'] });
    expect(authorAgreement(a, norm({ authors: ['J Smith', 'A Jones', 'R Patel', 'O Khan'] }))).toMatchObject({ first: true, overlap: 1 });
    expect(authorAgreement(a, norm({ authors: ['Smith J'] }))).toMatchObject({ first: true, overlap: 1 });
    expect(authorAgreement(a, norm({ authors: ['Jones A', 'Smith J', 'Khan O', 'Patel R'] }))).toMatchObject({ first: false, overlap: 1 });
    // Particles and surnames that lost letters to a bad encoding.
    expect(authorAgreement(norm({ authors: ['von Pawel, J.'] }), norm({ authors: ['Pawel, J.'] })).first).toBe(true);
    expect(authorAgreement(norm({ authors: ['Mulic, Suada', 'Krizic, M'] }), norm({ authors: ['Muli, S.', 'Krizi, M.'] })).overlap).toBe(1);
    expect(authorAgreement(norm({ authors: ['Hall, Laura L'] }), norm({ authors: ['Hall, Gillian'] })).firstInitialConflict).toBe(true);
  });
});

describe('journal, volume, pages', () => {
  it('recognises abbreviations, alternative names and truncated names', () => {
    const j = (x: string, y: string) => journalAgreement(norm({ journal: x }), norm({ journal: y }));
    expect(j('N Engl J Med', 'The New England Journal of Medicine')).toBe(1);
    expect(j('Dtsch-Med-Wochenschr', 'Deutsche Medizinische Wochenschrift')).toBe(1);
    expect(j('Ann Fr Anesth Reanim', "Annales fran?aises d'anesth?sie et de r?")).toBe(1);
    expect(j('Ai zheng = Aizheng = Chinese journal of cancer', 'Chinese Journal of Cancer')).toBe(1);
    expect(j('Lung cancer (Amsterdam, Netherlands)', 'Lung Cancer')).toBe(1);
    expect(j('Cancer', 'Cancer Cytopathology')).toBe(0.5);
    expect(j('Cancer', 'International Journal of Cancer')).toBe(-1);
    expect(journalVariants(null)).toEqual([]);
  });

  it('normalises volumes and page ranges, MEDLINE abbreviations included', () => {
    expect(normaliseVolume('30a')).toBe('30');
    expect(normaliseVolume('4 (1) (no pagination)')).toBe('4');
    expect(normalisePages('221-8')).toEqual({ start: '221', end: '228' });
    expect(normalisePages('6913-7')).toEqual({ start: '6913', end: '6917' });
    expect(normalisePages('pp. 23–35')).toEqual({ start: '23', end: '35' });
    expect(normalisePages('e43268')).toEqual({ start: 'e43268', end: null });
    expect(normalisePages('Suppl-29')).toEqual({ start: null, end: null });
    expect(normalisePages('945-945')).toEqual({ start: '945', end: null });
  });
});
