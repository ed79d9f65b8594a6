/**
 * Converts the national list of administrative units in force since 1 July 2025 (34 provinces and
 * cities, 3,321 communes, wards and special zones directly under them) into the compact file
 * shipped with the project, `common/administrative-units/units.json`.
 *
 * Input: a JSON array of provinces `{ code: number, name, wards: [{ code: number, name }] }`, the
 * shape of `vietnam_provinces/data/nested-divisions.json` in the VietnamProvinces project, whose
 * names and codes are taken from the General Statistics Office's catalogue of administrative units
 * (Decision 19/2025/QĐ-TTg). See common/administrative-units/SOURCE.md for the exact version.
 *
 * Usage: node_modules/.bin/tsx scripts/convert-administrative-units.ts <nested-divisions.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface SourceProvince {
  code: number;
  name: string;
  wards: Array<{ code: number; name: string }>;
}

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'common', 'administrative-units', 'units.json');

/** NFC, single spaces, and the kind capitalised as the State writes it ("xã Bắc Sơn" → "Xã Bắc Sơn"). */
function clean(name: string): string {
  const n = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  return n.charAt(0).toLocaleUpperCase('vi') + n.slice(1);
}

function main() {
  const input = process.argv[2];
  if (!input) throw new Error('Usage: tsx scripts/convert-administrative-units.ts <nested-divisions.json>');
  const source = JSON.parse(readFileSync(input, 'utf8')) as SourceProvince[];
  const provinces = [...source]
    .sort((a, b) => a.code - b.code)
    .map((p) => ({
      code: String(p.code).padStart(2, '0'),
      name: clean(p.name),
      communes: [...p.wards].sort((a, b) => a.code - b.code).map((w) => [String(w.code).padStart(5, '0'), clean(w.name)] as const),
    }));
  const communes = provinces.reduce((n, p) => n + p.communes.length, 0);
  const lines = [
    '{',
    '  "effectiveFrom": "2025-07-01",',
    `  "provinces": [`,
    provinces
      .map((p) => `    {"code": ${JSON.stringify(p.code)}, "name": ${JSON.stringify(p.name)}, "communes": [\n${p.communes.map((c) => `      ${JSON.stringify(c)}`).join(',\n')}\n    ]}`)
      .join(',\n'),
    '  ]',
    '}',
    '',
  ];
  writeFileSync(OUT, lines.join('\n'));
  console.log(`Wrote ${provinces.length} provinces and ${communes} communes to ${path.relative(ROOT, OUT)}`);
}

main();
