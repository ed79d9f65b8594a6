import path from 'node:path';
import type { Database } from '../../platform/db/create-database.js';
import { importCatalog, readCatalogFile, type ImportSummary } from './catalog.import.js';
import { markProjectionFresh } from './catalog.usecases.js';

export const bundledCatalogFile = path.resolve(import.meta.dirname, '../../../seed/catalog.json');

/** Imports a catalogue file (the bundled one by default). Safe to run at every start. */
export async function importCatalogFile({ db, file = bundledCatalogFile }: { db: Database; file?: string }): Promise<ImportSummary> {
  const { file: parsed, templates, references } = readCatalogFile(file);
  const summary = await importCatalog({ db, file: parsed, templates, references });
  markProjectionFresh(db);
  return summary;
}
