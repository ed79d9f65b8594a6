/**
 * Writes `common/catalogue/draft-schema.json`, the JSON Schema of a catalogue draft derived from
 * the exchange file's zod schemas (the catalogue editor's forms render it). `--check` fails when
 * the file differs from the derivation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { draftJsonSchemaText } from '../server/modules/catalog/catalog.draft-json-schema.js';

const target = fileURLToPath(new URL('../common/catalogue/draft-schema.json', import.meta.url));
const text = draftJsonSchemaText();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: differs
  }
  if (current !== text) {
    console.error('common/catalogue/draft-schema.json differs from the exchange schema: run npm run catalogue:schema');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
