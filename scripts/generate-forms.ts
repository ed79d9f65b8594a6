/**
 * Writes `seed/forms/<procedureCode>.json`: the e-form of every procedure case that can be filed
 * online (level 3 or 4) in `seed/catalog.json`, built from the blocks in scripts/forms/.
 * Deterministic, so the files can be regenerated and compared (scripts/check-forms.ts).
 *
 * Usage: node_modules/.bin/tsx scripts/generate-forms.ts
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildForms, type CatalogProcedure, type FormFile } from './forms/definitions.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const FORMS_DIR = path.join(ROOT, 'seed', 'forms');

export function readCatalogProcedures(): CatalogProcedure[] {
  const catalog = JSON.parse(readFileSync(path.join(ROOT, 'seed', 'catalog.json'), 'utf8')) as { procedures: CatalogProcedure[] };
  return catalog.procedures;
}

export const formFileText = (file: FormFile) => `${JSON.stringify(file, null, 2)}\n`;

function main() {
  const { files } = buildForms(readCatalogProcedures());
  mkdirSync(FORMS_DIR, { recursive: true });
  const wanted = new Set(files.map((f) => `${f.procedureCode}.json`));
  for (const name of readdirSync(FORMS_DIR)) if (name.endsWith('.json') && !wanted.has(name)) rmSync(path.join(FORMS_DIR, name));
  for (const f of files) writeFileSync(path.join(FORMS_DIR, `${f.procedureCode}.json`), formFileText(f));
  console.log(`Wrote ${files.length} form files (${files.reduce((n, f) => n + f.cases.length, 0)} cases) to ${path.relative(ROOT, FORMS_DIR)}/`);
}

if (import.meta.filename === process.argv[1] || process.argv[1]?.endsWith('generate-forms.ts')) main();
