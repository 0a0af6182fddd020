/** The hand-written fixtures in test/fixtures/<format>/. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');

export function fixturePath(format: string, name: string): string {
  return join(FIXTURES, format, name);
}

/** A fixture's text exactly as on disk: BOM and line endings kept (parseText strips the BOM). */
export function readFixture(format: string, name: string): string {
  return readFileSync(fixturePath(format, name), 'utf8');
}
