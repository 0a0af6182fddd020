/**
 * LaTeX in BibTeX field values → Unicode: accents (`{\"u}`, `\'e`, `\v{s}`,
 * `\c c`), special letters (`{\ss}`, `\o`, `\ae`), escaped characters (`\&`,
 * `\%`, `\_`), dashes and quotes (`--`, `---`, ``` `` ```), text-formatting
 * commands (`\emph{…}`, `\textit{…}`) and case-protecting braces.
 */

/** Accent commands → Unicode combining marks (composed with NFC afterwards). */
const ACCENTS: Record<string, string> = {
  '`': '\u0300', "'": '\u0301', '^': '\u0302', '~': '\u0303', '=': '\u0304', u: '\u0306', '.': '\u0307',
  '"': '\u0308', r: '\u030a', H: '\u030b', v: '\u030c', d: '\u0323', c: '\u0327', k: '\u0328',
  b: '\u0331', t: '\u0361',
};

const LETTERS: Record<string, string> = {
  ss: 'ß', SS: 'SS', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å',
  l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ',
};

const SYMBOLS: Record<string, string> = {
  textendash: '\u2013', textemdash: '\u2014', textquoteleft: '\u2018', textquoteright: '\u2019',
  textquotedblleft: '\u201c', textquotedblright: '\u201d', textregistered: '\u00ae',
  texttrademark: '\u2122', textcopyright: '\u00a9', textdegree: '\u00b0', textellipsis: '\u2026',
  ldots: '\u2026', dots: '\u2026', S: '\u00a7', P: '\u00b6', pounds: '\u00a3', euro: '\u20ac',
  textperiodcentered: '\u00b7', textbullet: '\u2022', guillemotleft: '\u00ab', guillemotright: '\u00bb',
  textasciitilde: '~', textbackslash: '\\', textunderscore: '_', textless: '<', textgreater: '>',
};

/** Commands whose argument is kept as plain text (`\emph{x}` → `x`). */
const TEXT_COMMANDS = /\\(?:emph|textit|textbf|textsc|textrm|textsf|texttt|textup|textsl|textnormal|mathrm|mathit|mathbf|mbox|text|url|uppercase|lowercase|MakeUppercase|MakeLowercase)\s*(?=\{)/g;

/** `\'e`, `\'{e}`, `{\'e}`, `\'{\i}`, `\v{s}`, `\c c`. */
const SYMBOL_ACCENT = /\\([`'^~=."])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))/g;
const LETTER_ACCENT = /\\([uvHckrdbt])(?:\s*\{\s*(\\[ij]|[A-Za-z])\s*\}|\s+([A-Za-z]))/g;
const LETTER_COMMAND = new RegExp(`\\\\(${Object.keys(LETTERS).join('|')})(?![A-Za-z])(?:\\s*\\{\\})?\\s?`, 'g');
const SYMBOL_COMMAND = new RegExp(`\\\\(${Object.keys(SYMBOLS).join('|')})(?![A-Za-z])(?:\\s*\\{\\})?\\s?`, 'g');

function accented(command: string, base: string): string {
  const letter = base === '\\i' ? 'i' : base === '\\j' ? 'j' : base;
  return (letter + ACCENTS[command]).normalize('NFC');
}

export function latexToUnicode(value: string): string {
  if (!/[\\{}~`'-]/.test(value)) return value;
  return value
    .replace(SYMBOL_ACCENT, (_m, cmd: string, braced?: string, bare?: string) => accented(cmd, braced ?? bare ?? ''))
    .replace(LETTER_ACCENT, (_m, cmd: string, braced?: string, bare?: string) => accented(cmd, braced ?? bare ?? ''))
    .replace(LETTER_COMMAND, (_m, name: string) => LETTERS[name])
    .replace(SYMBOL_COMMAND, (_m, name: string) => SYMBOLS[name])
    .replace(TEXT_COMMANDS, '')
    .replace(/\\([&%$#_])/g, '$1')
    .replace(/\\\\/g, ' ')
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    .replace(/``/g, '\u201c')
    .replace(/''/g, '\u201d')
    .replace(/(^|[^\\])~/g, '$1 ')
    // Braces only protect case or group; escaped braces are literal.
    .replace(/\\([{}])|[{}]/g, (_m, escaped?: string) => escaped ?? '');
}

/** URLs and DOIs only escape characters (`10.1007/x\_3`); no other LaTeX applies to them. */
export function unescapeLatexUrl(value: string): string {
  return value.replace(/\\([&%$#_~])/g, '$1').replace(/^\{|\}$/g, '');
}
