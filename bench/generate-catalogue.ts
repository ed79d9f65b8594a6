/**
 * A national-scale catalogue for the search bench: `count` procedures (default 10,000) varied
 * from the real ones of the seed, in a migrated and seeded database (PostgreSQL or PGlite).
 *
 * Each generated name joins a real verb ("Cấp giấy phép", "Gia hạn giấy phép", "Thẩm định", …) to
 * the object of a real procedure's name ("khai thác nước dưới đất", "môi trường", …) and a real
 * field or authority ("trong lĩnh vực tài nguyên nước", "thuộc thẩm quyền của Ủy ban nhân dân cấp
 * huyện", …), so that what people type hits many procedures, as in a province's or a merged
 * ministry's catalogue. The object's procedure lends its field, agencies, applicant types and its
 * version in force (legal basis, results, cases and their capabilities), copied with new ids;
 * keywords are not copied (they belong to the real procedure). Codes are BENCH.00001… and every
 * name differs from every real one. Deterministic; inserted by a few set-based statements, then
 * the search projection is refreshed for the new procedures.
 *
 * Standalone: DATABASE_URL=postgres://… tsx bench/generate-catalogue.ts [count]
 */
import { sql } from 'drizzle-orm';
import { queryRows, type DbExecutor } from '../server/platform/db/create-database.js';
import { refreshSearchProjection } from '../server/modules/catalog/index.js';

/** Verbs of the real catalogue, longest first (a name's verb is the longest one it starts with). */
const VERBS = [
  'Cấp giấy phép', 'Gia hạn giấy phép', 'Điều chỉnh giấy phép', 'Cấp lại giấy phép', 'Cấp đổi giấy phép', 'Thu hồi giấy phép',
  'Thẩm định', 'Phê duyệt', 'Chấp thuận', 'Đăng ký', 'Xác nhận', 'Công nhận', 'Cấp', 'Cho phép', 'Báo cáo',
].sort((a, b) => b.length - a.length);
const AUTHORITIES = [
  'Bộ Tài nguyên và Môi trường', 'Ủy ban nhân dân cấp tỉnh', 'Ủy ban nhân dân cấp huyện', 'Ủy ban nhân dân cấp xã',
  'Sở Tài nguyên và Môi trường', 'Ban quản lý khu công nghiệp', 'Cục Quản lý tài nguyên nước', 'Tổng cục Địa chất và Khoáng sản',
];

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** A text[] parameter that both drivers send the same way. */
const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;

/** Columns of a table in the database (so that copies follow the schema as it grows). */
async function columnsOf(db: DbExecutor, table: string) {
  const rows = await queryRows<{ column_name: string }>(db, sql`
    SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`);
  return rows.map((r) => r.column_name);
}

/** `INSERT INTO table (cols) SELECT <cols with replacements> FROM …`: copies rows with new values for some columns. */
function copyColumns(columns: string[], replace: Record<string, string>, alias: string) {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const select = columns.map((c) => replace[c] ?? `${alias}."${c}"`).join(', ');
  return { list, select };
}

export interface GeneratedCatalogue { procedures: number; ms: number }

export async function generateCatalogue(db: DbExecutor, { count = 10_000 }: { count?: number } = {}): Promise<GeneratedCatalogue> {
  const started = Date.now();
  const real = await queryRows<{ id: string; name: string; field_code: string; field_name: string }>(db, sql`
    SELECT p.id, p.name, p.field_code, f.name AS field_name FROM procedures p JOIN fields f ON f.code = p.field_code
    WHERE p.code NOT LIKE 'BENCH.%' AND EXISTS (SELECT 1 FROM procedure_search s WHERE s.procedure_id = p.id) ORDER BY p.code`);
  if (real.length === 0) throw new Error('the catalogue is not seeded (no procedure in the search projection)');
  const realNames = new Set(real.map((r) => r.name.toLocaleLowerCase('vi')));
  const objects = real.map((r) => {
    const verb = VERBS.find((v) => r.name.toLocaleLowerCase('vi').startsWith(v.toLocaleLowerCase('vi') + ' '));
    return { ...r, object: verb ? r.name.slice(verb.length + 1) : lowerFirst(r.name) };
  });
  const fieldNames = [...new Set(real.map((r) => r.field_name))];
  const qualifiers = [...fieldNames.map((f) => `trong lĩnh vực ${lowerFirst(f)}`), ...AUTHORITIES.map((a) => `thuộc thẩm quyền của ${a}`)];

  // Deterministic walk over verb × object × qualifier, strided so that neighbours differ in all three.
  const rows: { id: string; code: string; name: string; template: string }[] = [];
  const seen = new Set<string>();
  const combos = VERBS.length * objects.length * qualifiers.length;
  for (let k = 0; rows.length < count && k < combos; k++) {
    const i = (k * 7919) % combos;
    const verb = VERBS[i % VERBS.length]!;
    const object = objects[Math.floor(i / VERBS.length) % objects.length]!;
    const qualifier = qualifiers[Math.floor(i / (VERBS.length * objects.length)) % qualifiers.length]!;
    const name = `${verb} ${object.object} ${qualifier}`;
    const key = name.toLocaleLowerCase('vi');
    if (seen.has(key) || realNames.has(key)) continue;
    seen.add(key);
    const n = String(rows.length + 1).padStart(5, '0');
    rows.push({ id: `prc_bench_${n}`, code: `BENCH.${n}`, name, template: object.id });
  }
  if (rows.length < count) throw new Error(`only ${rows.length} distinct names can be made from this catalogue`);

  const [procedureCols, versionCols, caseCols, agencyCols] = await Promise.all(
    ['procedures', 'procedure_versions', 'procedure_cases', 'procedure_agencies'].map((t) => columnsOf(db, t)));
  const chunk = 2000;
  for (let from = 0; from < rows.length; from += chunk) {
    const part = rows.slice(from, from + chunk);
    const gen = sql`unnest(${textArray(part.map((r) => r.id))}, ${textArray(part.map((r) => r.code))}, ${textArray(part.map((r) => r.name))}, ${textArray(part.map((r) => r.template))}) AS g(id, code, name, template)`;
    const p = copyColumns(procedureCols!, { id: 'g.id', code: 'g.code', name: 'g.name', name_en: 'NULL', description: 'NULL', keywords: `'{}'::text[]`,
      provenance: `'{"confidence":"ILLUSTRATIVE","note":"generated for the search bench","sources":[]}'::jsonb` }, 't');
    await db.execute(sql`INSERT INTO procedures (${sql.raw(p.list)}) SELECT ${sql.raw(p.select)} FROM ${gen} JOIN procedures t ON t.id = g.template`);
    const a = copyColumns(agencyCols!, { procedure_id: 'g.id' }, 't');
    await db.execute(sql`INSERT INTO procedure_agencies (${sql.raw(a.list)}) SELECT ${sql.raw(a.select)} FROM ${gen} JOIN procedure_agencies t ON t.procedure_id = g.template`);
    // The template's version in force (the one the projection shows), under a new id.
    const v = copyColumns(versionCols!, { id: `'ver_' || g.id`, procedure_id: 'g.id' }, 't');
    await db.execute(sql`INSERT INTO procedure_versions (${sql.raw(v.list)}) SELECT ${sql.raw(v.select)} FROM ${gen}
      JOIN procedure_search s ON s.procedure_id = g.template JOIN procedure_versions t ON t.id = s.version_id`);
    const c = copyColumns(caseCols!, { id: `t.id || '_' || g.id`, version_id: `'ver_' || g.id` }, 't');
    await db.execute(sql`INSERT INTO procedure_cases (${sql.raw(c.list)}) SELECT ${sql.raw(c.select)} FROM ${gen}
      JOIN procedure_search s ON s.procedure_id = g.template JOIN procedure_cases t ON t.version_id = s.version_id`);
  }
  await refreshSearchProjection({ db, procedureIds: rows.map((r) => r.id) });
  await db.execute(sql`ANALYZE procedures`);
  await db.execute(sql`ANALYZE procedure_search`);
  return { procedures: rows.length, ms: Date.now() - started };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openDatabase } = await import('../server/platform/db/create-database.js');
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const handle = await openDatabase({ databaseUrl: url, dataDir: '', databasePoolMax: 2 });
  try {
    const result = await generateCatalogue(handle.db, { count: Number(process.argv[2] ?? 10_000) });
    console.log(`generated ${result.procedures} procedures in ${(result.ms / 1000).toFixed(1)} s`);
  } finally {
    await handle.close();
  }
}
