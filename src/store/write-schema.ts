/** `npm run schema`: regenerate src/store/schema.sql from the migrations. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dumpSchema, openDatabase } from './db.js';

const db = openDatabase(':memory:');
const out = join(dirname(fileURLToPath(import.meta.url)), 'schema.sql');
writeFileSync(out, dumpSchema(db));
console.log(`wrote ${out}`);
