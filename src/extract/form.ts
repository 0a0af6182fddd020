/**
 * The extraction form and its coding frames: data files in the workspace's
 * queries/ (`extraction-form.json`, `frame-<name>.csv`), so a review team
 * edits them without touching code. A workspace without them uses the
 * project's defaults (the reference review's twelve fields and frames).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';

export const FORM_FILE = 'extraction-form.json';
export const FIELD_TYPES = ['text', 'number', 'yesno', 'single', 'multiple'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface Choice {
  code: string;
  label: string;
  group?: string;
  label_cy?: string;
  group_cy?: string;
}

export interface Frame {
  name: string;
  title: string;
  source?: string;
  file: string;
  choices: Choice[];
}

export interface FormField {
  id: string;
  label: string;
  type: FieldType;
  required?: boolean;
  help?: string;
  /** Coding frame name (frame-<name>.csv) for single/multiple fields. */
  frame?: string;
  /** Inline choices, for a single/multiple field without a frame file. */
  choices?: Choice[];
  /** Adds a free-text `<id>_notes` column beside a choice field. */
  notes?: boolean;
  /** Shown in the characteristics-of-included-studies table. */
  characteristics?: boolean;
  /** `citation`: pre-filled from the study's bibliographic record. */
  prefill?: 'citation';
}

export interface Form {
  name: string;
  version: number;
  title: string;
  source?: string;
  file: string;
  fields: FormField[];
  /** Frames the form's fields use, by name (every frame file found, in fact). */
  frames: Map<string, Frame>;
}

export class FormError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormError';
  }
}

/** The project's own queries/ folder: defaults for workspaces without a form. */
export const DEFAULT_QUERIES = resolve(dirname(fileURLToPath(import.meta.url)), '../../queries');

/** Column id reserved for the study key in every extraction CSV. */
export const STUDY_COLUMN = 'study';
/** Optional column naming who extracted a row (else `--by`). */
export const BY_COLUMN = 'extracted_by';

/** A choice field's choices: its frame's, or its inline list. */
export function choicesOf(form: Form, field: FormField): Choice[] {
  if (field.frame) return form.frames.get(field.frame)?.choices ?? [];
  return field.choices ?? [];
}

/** The CSV columns of a form, in order (the study key first). */
export function formColumns(form: Form): Array<{ column: string; field: FormField; notes: boolean }> {
  return form.fields.flatMap((f) => [{ column: f.id, field: f, notes: false }, ...(f.notes ? [{ column: `${f.id}_notes`, field: f, notes: true }] : [])]);
}

export function readFrame(path: string): Frame {
  const text = readFileSync(path, 'utf8');
  const meta: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^#\s*(title|source):\s*(.*)$/.exec(line);
    if (m) meta[m[1]] = m[2].trim();
  }
  const rows = parseCsv(text, { columns: true, comment: '#', bom: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
  const name = basename(path).replace(/^frame-/, '').replace(/\.csv$/, '');
  const seen = new Set<string>();
  const choices = rows.map((r, i) => {
    if (!r.code || !r.label) throw new FormError(`${path}: row ${i + 1} needs a code and a label`);
    if (seen.has(r.code.toLowerCase())) throw new FormError(`${path}: code "${r.code}" appears twice`);
    if (/[;]/.test(r.code)) throw new FormError(`${path}: code "${r.code}" must not contain ";" (it separates several choices)`);
    seen.add(r.code.toLowerCase());
    const c: Choice = { code: r.code, label: r.label };
    if (r.group) c.group = r.group;
    if (r.label_cy) c.label_cy = r.label_cy;
    if (r.group_cy) c.group_cy = r.group_cy;
    return c;
  });
  if (choices.length === 0) throw new FormError(`${path}: no choices`);
  return { name, title: meta.title ?? name, source: meta.source, file: path, choices };
}

/** Every `frame-*.csv` in a folder. */
export function readFrames(dir: string): Map<string, Frame> {
  const frames = new Map<string, Frame>();
  if (!existsSync(dir)) return frames;
  for (const f of readdirSync(dir).filter((n) => /^frame-[a-z0-9_-]+\.csv$/i.test(n)).sort()) {
    const frame = readFrame(join(dir, f));
    frames.set(frame.name, frame);
  }
  return frames;
}

function validateForm(data: unknown, file: string, frames: Map<string, Frame>): Form {
  const d = data as Partial<Form> & { fields?: Array<Partial<FormField>> };
  if (!d || typeof d !== 'object' || !Array.isArray(d.fields) || d.fields.length === 0) throw new FormError(`${file}: needs a "fields" array`);
  const ids = new Set<string>();
  const fields = d.fields.map((f, i): FormField => {
    const where = `${file}: field ${i + 1}${f.id ? ` ("${f.id}")` : ''}`;
    if (typeof f.id !== 'string' || !/^[a-z][a-z0-9_]*$/.test(f.id)) throw new FormError(`${where}: "id" must be lower case letters, digits and _`);
    if (f.id === STUDY_COLUMN || f.id === BY_COLUMN || f.id.endsWith('_notes')) throw new FormError(`${where}: "${f.id}" is reserved`);
    if (ids.has(f.id)) throw new FormError(`${where}: id used twice`);
    ids.add(f.id);
    if (!f.label) throw new FormError(`${where}: "label" is missing`);
    if (!FIELD_TYPES.includes(f.type as FieldType)) throw new FormError(`${where}: "type" must be one of ${FIELD_TYPES.join(', ')}`);
    if (f.type === 'single' || f.type === 'multiple') {
      if (f.frame && !frames.has(f.frame)) {
        throw new FormError(`${where}: coding frame "${f.frame}" not found (expected frame-${f.frame}.csv beside the form; found: ${[...frames.keys()].join(', ') || 'none'})`);
      }
      if (!f.frame && !(Array.isArray(f.choices) && f.choices.length)) throw new FormError(`${where}: a ${f.type} field needs "frame" or "choices"`);
    } else if (f.frame || f.choices || f.notes) {
      throw new FormError(`${where}: "frame", "choices" and "notes" apply only to single/multiple fields`);
    }
    return f as FormField;
  });
  return { name: d.name ?? 'form', version: d.version ?? 1, title: d.title ?? d.name ?? 'Extraction form', source: d.source, file, fields, frames };
}

export function readForm(path: string, framesDir = dirname(path)): Form {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new FormError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const frames = readFrames(framesDir);
  if (framesDir !== DEFAULT_QUERIES) for (const [k, v] of readFrames(DEFAULT_QUERIES)) if (!frames.has(k)) frames.set(k, v);
  return validateForm(data, path, frames);
}

/** The workspace's form (queries/extraction-form.json), else the project's default. */
export function loadForm(queriesDir: string): Form & { fallback: boolean } {
  const path = join(queriesDir, FORM_FILE);
  if (existsSync(path)) return { ...readForm(path, queriesDir), fallback: false };
  return { ...readForm(join(DEFAULT_QUERIES, FORM_FILE), DEFAULT_QUERIES), fallback: true };
}

/** Look up a frame by name among the workspace's frames (then the defaults). */
export function loadFrame(queriesDir: string, name: string): Frame {
  const frames = readFrames(queriesDir);
  for (const [k, v] of readFrames(DEFAULT_QUERIES)) if (!frames.has(k)) frames.set(k, v);
  const f = frames.get(name);
  if (!f) throw new FormError(`no coding frame "${name}" (available: ${[...frames.keys()].join(', ')})`);
  return f;
}

/** A choice's label in a language (Welsh when the frame has it). */
export function choiceLabel(c: Choice, lang = 'en'): string {
  return lang === 'cy' && c.label_cy ? c.label_cy : c.label;
}

export function groupLabel(c: Choice, lang = 'en'): string | undefined {
  return lang === 'cy' && c.group_cy ? c.group_cy : c.group;
}
