import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dumpSchema, migrations, openDatabase } from '../../src/store/db.js';

describe('database schema', () => {
  it('schema.sql is exactly what the migrations produce (run `npm run schema` after adding one)', () => {
    const db = openDatabase(':memory:');
    const file = readFileSync(new URL('../../src/store/schema.sql', import.meta.url), 'utf8');
    expect(dumpSchema(db)).toBe(file);
  });

  it('records each migration once, numbered from 1 without gaps', () => {
    const db = openDatabase(':memory:');
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(migrations().map((_, i) => i + 1));
    // Re-opening applies nothing twice.
    expect(() => openDatabase(':memory:')).not.toThrow();
  });
});
