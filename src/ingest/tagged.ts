/**
 * Shared by the tagged text formats (RIS, RefWorks, Refer, MEDLINE, Cochrane,
 * Web of Science, Ovid, ProQuest):
 * - `TagValues`: a record's values by tag, remembering which of them a field
 *   of the model took, so that every other value is kept in `extra` under its
 *   tag (nothing in an export is ever lost);
 * - `OpenRecord`: the record being read, its fields and raw lines, with
 *   untagged lines continuing the field above.
 */

/** One field as read: its tag and its value (continuation lines already joined). */
export type TagValue = [tag: string, value: string];

export interface TagValuesOptions {
  /**
   * Tags take their place in `leftovers()` order (and so in `extra`'s key
   * order) at their first occurrence even when it is empty; by default at
   * their first non-empty value. WoS and ProQuest order `extra` that way.
   */
  keepEmptyTags?: boolean;
}

/** One tag's values, and which of them a field took. */
interface TagSlot {
  values: string[];
  /** Bit i set: value i was taken (values past the 30th: see `takenAll`). */
  taken: number;
  /** Every value taken (`takeAll`), however many there are. */
  takenAll: boolean;
  /** Values taken past the 30th (long author lists). */
  late?: Set<number>;
}

const NONE = Object.freeze([]) as unknown as string[];

function isTaken(slot: TagSlot, index: number): boolean {
  return index < 30 ? (slot.taken & (1 << index)) !== 0 : slot.late?.has(index) === true;
}

/** A record's tag values, remembering which values were mapped so every other one goes to `extra`. */
export class TagValues {
  private byTag = new Map<string, TagSlot>();

  /** Empty values are dropped: they carry nothing to map or keep. */
  constructor(fields: Iterable<TagValue> = [], options: TagValuesOptions = {}) {
    for (const [tag, value] of fields) this.put(tag, value, options.keepEmptyTags === true);
  }

  /** From a record's tags and values as two parallel lists (what the RIS reader collects). */
  static fromLists(tags: string[], values: string[]): TagValues {
    const result = new TagValues();
    for (let i = 0; i < tags.length; i++) result.put(tags[i], values[i], false);
    return result;
  }

  private put(tag: string, value: string, keepEmpty: boolean): void {
    const slot = this.byTag.get(tag);
    if (value === '') {
      if (keepEmpty && !slot) this.byTag.set(tag, { values: [], taken: 0, takenAll: false });
    } else if (slot) slot.values.push(value);
    else this.byTag.set(tag, { values: [value], taken: 0, takenAll: false });
  }

  all(tag: string): string[] {
    return this.byTag.get(tag)?.values ?? NONE;
  }

  has(tag: string): boolean {
    return this.all(tag).length > 0;
  }

  /** First value of the first tag (in `tags` order) that has one, without taking it. */
  first(...tags: string[]): string | undefined {
    for (const tag of tags) {
      const value = this.all(tag)[0];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** First value of the first tag (in `tags` order) that has one. */
  take(...tags: string[]): string | undefined {
    for (const tag of tags) {
      const slot = this.byTag.get(tag);
      if (slot && slot.values.length > 0) {
        this.mark(slot, 0);
        return slot.values[0];
      }
    }
    return undefined;
  }

  /** First value, by tag order, that `accept`s. */
  takeWhere(tags: string[], accept: (value: string) => boolean): string | undefined {
    for (const tag of tags) {
      const slot = this.byTag.get(tag);
      if (!slot) continue;
      const index = slot.values.findIndex(accept);
      if (index >= 0) {
        this.mark(slot, index);
        return slot.values[index];
      }
    }
    return undefined;
  }

  /** Every value of the tags, in `tags` order; all of them count as mapped. */
  takeAll(...tags: string[]): string[] {
    if (tags.length === 1) return this.takeEvery(tags[0]); // the common case: no copy
    return tags.flatMap((tag) => this.takeEvery(tag));
  }

  /** The values no field took, by tag (tags in the order they first appeared). */
  *leftovers(): Generator<TagValue> {
    for (const [tag, slot] of this.byTag) {
      if (slot.takenAll) continue;
      for (let i = 0; i < slot.values.length; i += 1) if (!isTaken(slot, i)) yield [tag, slot.values[i]];
    }
  }

  private takeEvery(tag: string): string[] {
    const slot = this.byTag.get(tag);
    if (!slot) return NONE;
    if (slot.values.length > 0) slot.takenAll = true;
    return slot.values;
  }

  private mark(slot: TagSlot, index: number): void {
    if (index < 30) slot.taken |= 1 << index;
    else (slot.late ??= new Set()).add(index);
  }
}
/** The record a tagged reader is in the middle of: its fields, its lines as written, the line it starts on. */
export class OpenRecord {
  readonly fields: TagValue[] = [];
  readonly raw: string[] = [];

  constructor(readonly start: number) {}

  /**
   * A non-blank line of the record: a new field when `field` is given, else
   * an untagged line whose text continues the last field's value (`separator`
   * between; an empty value is replaced). Returns false when there is no
   * field yet for the text to continue.
   */
  add(line: string, field?: TagValue | null, separator = '\n'): boolean {
    this.raw.push(line);
    if (field) {
      this.fields.push(field);
      return true;
    }
    const last = this.fields[this.fields.length - 1];
    if (!last) return false;
    const text = line.trim();
    last[1] = last[1] === '' ? text : `${last[1]}${separator}${text}`;
    return true;
  }

  /** The record's lines as written (for `record.raw`). */
  text(): string {
    return this.raw.join('\n');
  }
}

/** Drop the blank lines that end a record's lines (the gap before the next record is not part of it). */
export function dropTrailingBlankLines(lines: string[]): string[] {
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}
