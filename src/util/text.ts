/** "1 record", "2 records": a count with its noun (nouns that take an s). */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;
}
