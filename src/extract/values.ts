/**
 * Extracted values: append-only rows (who, when, from which import); the
 * latest per study and field is current, the earlier ones its history.
 * Cells are validated against the form before anything is stored.
 */
import type { DB } from '../store/db.js';
import { choicesOf, type Form, type FormField } from './form.js';

export interface ValueRow {
  field: string;
  value: string;
  extractedBy: string;
  extractedAt: string;
  importId: number | null;
}

/** Current values of every study, by study key then column (field id, or `<id>_notes`). */
export function currentValues(db: DB): Map<string, Map<string, string>> {
  const rows = db.prepare(`SELECT s.key, v.field, v.value FROM current_extraction v JOIN extraction_studies s ON s.id = v.study_id`)
    .all() as Array<{ key: string; field: string; value: string }>;
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!out.has(r.key)) out.set(r.key, new Map());
    out.get(r.key)!.set(r.field, r.value);
  }
  return out;
}

/** Every version of every field of one study, oldest first. */
export function valueHistory(db: DB, key: string): ValueRow[] {
  return db.prepare(`SELECT v.field, v.value, v.extracted_by AS extractedBy, v.extracted_at AS extractedAt, v.import_id AS importId
    FROM extraction_values v JOIN extraction_studies s ON s.id = v.study_id WHERE s.key = ? ORDER BY v.id`).all(key) as ValueRow[];
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/**
 * Validate one cell and return its stored form (choices as codes in frame
 * order joined by "; ", yes/no as 'yes'/'no'), or a message saying what is
 * wrong. Empty stays '' (whether that is allowed is decided by `required`).
 */
export function canonicalValue(form: Form, field: FormField, raw: string, notes = false): { value: string } | { error: string } {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text === '' || notes || field.type === 'text') return { value: text };
  switch (field.type) {
    case 'number': {
      if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text.replace(/,/g, ''))) return { error: `"${text}" is not a number` };
      return { value: text.replace(/,/g, '') };
    }
    case 'yesno': {
      const t = text.toLowerCase();
      if (YES.has(t)) return { value: 'yes' };
      if (NO.has(t)) return { value: 'no' };
      return { error: `"${text}" is not yes or no` };
    }
    case 'single':
    case 'multiple': {
      const choices = choicesOf(form, field);
      const parts = text.split(/\s*[;\n]\s*/).filter(Boolean);
      if (field.type === 'single' && parts.length > 1) return { error: `only one choice allowed, got ${parts.length} ("${text}")` };
      const codes: string[] = [];
      for (const part of parts) {
        const p = part.toLowerCase();
        const c = choices.find((ch) => ch.code.toLowerCase() === p || ch.label.toLowerCase() === p || ch.label_cy?.toLowerCase() === p);
        if (!c) {
          const frame = field.frame ? `frame ${field.frame}` : 'the field\'s choices';
          return { error: `unknown choice "${part}" (${frame} has ${choices.map((x) => x.code).join(', ')}; codes or labels, several separated by ;)` };
        }
        if (!codes.includes(c.code)) codes.push(c.code);
      }
      const order = (code: string) => choices.findIndex((ch) => ch.code === code);
      return { value: codes.sort((a, b) => order(a) - order(b)).join('; ') };
    }
  }
  return { value: text };
}

/** Codes of a stored choice value. */
export function codesOf(value: string | undefined): string[] {
  return value ? value.split(/;\s*/).filter(Boolean) : [];
}
