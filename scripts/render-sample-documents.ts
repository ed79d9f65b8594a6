/**
 * Writes the five one-stop documents rendered from the demonstration data to .tmp/documents/
 * (and, with --png, page images at 60 dpi through poppler's pdftoppm) for a visual check.
 *
 *   npx tsx scripts/render-sample-documents.ts [--png]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  renderApology,
  renderControlSheet,
  renderReceiptSlip,
  renderRefusal,
  renderSupplementRequest,
} from '../server/modules/dossiers/documents/index.js';
import {
  sampleApology,
  sampleControlSheet,
  sampleReceiptSlip,
  sampleRefusal,
  sampleSupplementRequest,
} from '../server/modules/dossiers/documents/documents.samples.js';

const outDir = path.resolve(import.meta.dirname, '../.tmp/documents');
fs.mkdirSync(outDir, { recursive: true });

const documents: Array<[string, () => Promise<Buffer>]> = [
  ['01-giay-tiep-nhan', () => renderReceiptSlip(sampleReceiptSlip)],
  ['02-phieu-yeu-cau-bo-sung', () => renderSupplementRequest(sampleSupplementRequest)],
  ['03-phieu-tu-choi', () => renderRefusal(sampleRefusal)],
  ['04-phieu-xin-loi', () => renderApology(sampleApology)],
  ['05-phieu-kiem-soat', () => renderControlSheet(sampleControlSheet)],
];

for (const [name, render] of documents) {
  const file = path.join(outDir, `${name}.pdf`);
  fs.writeFileSync(file, await render());
  console.log(file);
  if (process.argv.includes('--png')) {
    execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(outDir, name)]);
  }
}
