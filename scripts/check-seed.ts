/**
 * Checks the seed catalogue (`seed/catalog.json` by default, or the file given as the first argument):
 *  - the file parses with `catalogFileSchema`;
 *  - the expected number of procedures overall, per field and per online-service level;
 *  - unique codes and ids (agencies, fields, procedures, cases, components, templates);
 *  - every reference resolves (field, agencies, parent agency) and every template file exists;
 *  - all text is NFC-normalised.
 * Prints every problem by record and path, then a summary. Exits 1 when there is any problem.
 *
 * Usage: node_modules/.bin/tsx scripts/check-seed.ts [path/to/catalog.json]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  agencySchema,
  catalogFileSchema,
  fieldSchema,
  procedureSchema,
  type Capabilities,
  type CatalogFile,
} from '../server/modules/catalog/catalog.import-schema.js';
import { legacyLevel } from '../common/service-levels.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const catalogPath = path.resolve(process.argv[2] ?? path.join(ROOT, 'seed', 'catalog.json'));
const catalogDir = path.dirname(catalogPath);

/** What the ministry's catalogue must contain (source article: 61 procedures). */
const EXPECTED_TOTAL = 61;
const EXPECTED_PER_FIELD: Record<string, number> = {
  MOI_TRUONG: 28, // 27 environment + hazardous-waste export (National Single Window)
  TAI_NGUYEN_NUOC: 14,
  DIA_CHAT_KHOANG_SAN: 10,
  DO_DAC_BAN_DO: 6,
  BIEN_DOI_KHI_HAU: 3, // the three HCFC procedures (National Single Window)
};
/** Level 3 on the ministry portal, level 3 on another system, level 4 on the National Single Window. */
const EXPECTED_PER_LEVEL: Record<string, number> = {
  'mức 3 — Cổng Dịch vụ công của Bộ': 56,
  'mức 3 — Hệ thống cung cấp thông tin, dữ liệu đo đạc và bản đồ': 1,
  'mức 4 — Cổng thông tin một cửa quốc gia': 4,
};
const MIN_COMPONENTS = 2;
const MAX_COMPONENTS = 6;
const MIN_STEPS = 3;
const MAX_STEPS = 6;

interface Problem { record: string; path: string; message: string }
const problems: Problem[] = [];
const report = (record: string, where: string, message: string) => problems.push({ record, path: where, message });

function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out ? `.${String(s)}` : String(s);
  return out || '(root)';
}

// ---------- read ----------
let raw: unknown;
try {
  raw = JSON.parse(readFileSync(catalogPath, 'utf8'));
} catch (e) {
  console.error(`Cannot read ${catalogPath}: ${(e as Error).message}`);
  process.exit(1);
}
const rawObj = (raw ?? {}) as Record<string, unknown>;
const rawList = (key: string): Array<Record<string, unknown>> =>
  Array.isArray(rawObj[key]) ? (rawObj[key] as Array<Record<string, unknown>>) : [];

function recordLabel(segments: ReadonlyArray<PropertyKey>): { record: string; rest: ReadonlyArray<PropertyKey> } {
  const [top, index, ...rest] = segments;
  if (typeof top === 'string' && typeof index === 'number') {
    const item = rawList(top)[index];
    const code = item && typeof item.code === 'string' ? item.code : `#${index}`;
    const kind = top === 'procedures' ? 'procedure' : top === 'agencies' ? 'agency' : top === 'fields' ? 'field' : top;
    return { record: `${kind} ${code}`, rest };
  }
  return { record: 'file', rest: segments };
}

// ---------- 1. schema ----------
const parsed = catalogFileSchema.safeParse(raw);
if (!parsed.success) {
  for (const issue of parsed.error.issues) {
    const { record, rest } = recordLabel(issue.path);
    report(record, formatPath(rest), issue.message);
  }
}

// ---------- 2. NFC ----------
function walkStrings(v: unknown, segs: PropertyKey[]): void {
  if (typeof v === 'string') {
    if (v !== v.normalize('NFC')) {
      const { record, rest } = recordLabel(segs);
      report(record, formatPath(rest), 'text is not NFC-normalised');
    }
  } else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, [...segs, i]));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walkStrings(x, [...segs, k]);
}
walkStrings(raw, []);

// ---------- 3. semantic checks ----------
// On a file that fails the schema, the records that pass it on their own are still checked,
// so that one run shows every problem; the counts then cover only those records.
function salvage<T>(key: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T[] {
  const out: T[] = [];
  for (const item of rawList(key)) {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
  }
  return out;
}
const data: CatalogFile | undefined = parsed.success
  ? parsed.data
  : Array.isArray(rawObj.procedures)
    ? { agencies: salvage('agencies', agencySchema), fields: salvage('fields', fieldSchema), procedures: salvage('procedures', procedureSchema) }
    : undefined;
const partial = !parsed.success;
const PORTAL = 'Cổng Dịch vụ công của Bộ';
/** "mức 3 — Cổng Dịch vụ công của Bộ": the Decree 43/2011 level and where online filing happens. */
const levelKey = (c: Capabilities, hasTemplates: boolean) => `mức ${legacyLevel(c, hasTemplates)} — ${c.externalSystem?.name ?? PORTAL}`;

const perField = new Map<string, number>();
const perLevel = new Map<string, number>();
const perConfidence = new Map<string, number>();
let caseCount = 0;
let componentCount = 0;
let templateCount = 0;
let templateBytes = 0;

if (data) {

  const dupes = <T>(items: T[], key: (t: T) => string, onDupe: (t: T, k: string) => void) => {
    const seen = new Set<string>();
    for (const it of items) {
      const k = key(it);
      if (seen.has(k)) onDupe(it, k);
      seen.add(k);
    }
  };

  // agencies and fields
  const agencyCodes = new Set(data.agencies.map((a) => a.code));
  dupes(data.agencies, (a) => a.code, (_a, k) => report(`agency ${k}`, 'code', 'duplicate agency code'));
  data.agencies.forEach((a) => {
    if (a.parentCode && !agencyCodes.has(a.parentCode)) report(`agency ${a.code}`, 'parentCode', `unknown parent agency ${a.parentCode}`);
    if (a.parentCode === a.code) report(`agency ${a.code}`, 'parentCode', 'agency is its own parent');
  });
  const fieldCodes = new Set(data.fields.map((f) => f.code));
  dupes(data.fields, (f) => f.code, (_f, k) => report(`field ${k}`, 'code', 'duplicate field code'));
  for (const code of Object.keys(EXPECTED_PER_FIELD)) {
    if (!fieldCodes.has(code)) report(`field ${code}`, '(fields)', 'expected field is missing');
  }

  // procedures
  dupes(data.procedures, (p) => p.code, (_p, k) => report(`procedure ${k}`, 'code', 'duplicate procedure code'));
  const componentIds = new Map<string, string>();
  const templateIds = new Map<string, string>();
  const templateFiles = new Map<string, string>();

  data.procedures.forEach((p) => {
    const rec = `procedure ${p.code}`;
    const compact = p.code.replace(/\./g, '');
    perField.set(p.fieldCode, (perField.get(p.fieldCode) ?? 0) + 1);
    perConfidence.set(p.provenance.confidence, (perConfidence.get(p.provenance.confidence) ?? 0) + 1);

    if (!fieldCodes.has(p.fieldCode)) report(rec, 'fieldCode', `unknown field ${p.fieldCode}`);
    p.agencies.forEach((a, i) => {
      if (!agencyCodes.has(a.agencyCode)) report(rec, `agencies[${i}].agencyCode`, `unknown agency ${a.agencyCode}`);
    });
    for (const role of ['IMPLEMENTING', 'COMPETENT'] as const) {
      if (!p.agencies.some((a) => a.role === role)) report(rec, 'agencies', `no ${role} agency`);
    }
    if (p.keywords.length === 0) report(rec, 'keywords', 'no keywords');
    if (p.provenance.confidence !== 'SOURCED' && !p.provenance.note) {
      report(rec, 'provenance.note', 'illustrative values must be explained in a note');
    }
    dupes(p.versions, (v) => String(v.versionNo), (_v, k) => report(rec, 'versions', `duplicate versionNo ${k}`));

    let procTemplates = 0;
    const procLevels = new Set<string>();
    p.versions.forEach((v, vi) => {
      const vp = `versions[${vi}]`;
      if (v.validTo && v.validTo < v.validFrom) report(rec, `${vp}.validTo`, 'validTo is before validFrom');
      dupes(v.cases, (c) => c.code, (_c, k) => report(rec, `${vp}.cases`, `duplicate case code ${k}`));

      v.cases.forEach((c, ci) => {
        const cp = `${vp}.cases[${ci}]`;
        caseCount += 1;
        const key = levelKey(c.capabilities, c.components.some((m) => m.templates.length > 0));
        procLevels.add(key);
        const nsw = /một cửa quốc gia/i.test(c.capabilities.externalSystem?.name ?? '');

        if (c.steps.length < MIN_STEPS || c.steps.length > MAX_STEPS) report(rec, `${cp}.steps`, `${c.steps.length} steps (expected ${MIN_STEPS}–${MAX_STEPS})`);
        if (c.components.length < MIN_COMPONENTS || c.components.length > MAX_COMPONENTS) {
          report(rec, `${cp}.components`, `${c.components.length} components (expected ${MIN_COMPONENTS}–${MAX_COMPONENTS})`);
        }
        if (!c.components.some((m) => m.mandatory)) report(rec, `${cp}.components`, 'no mandatory component');

        dupes(c.channels, (ch) => ch.channel, (_ch, k) => report(rec, `${cp}.channels`, `channel ${k} listed twice`));
        if (c.capabilities.onlineSubmission && !c.channels.some((ch) => ch.channel === 'ONLINE')) {
          report(rec, `${cp}.channels`, 'online submission is offered but there is no ONLINE channel');
        }
        if (nsw && c.channels.some((ch) => ch.channel !== 'ONLINE')) {
          report(rec, `${cp}.channels`, 'a National Single Window procedure must only have the ONLINE channel');
        }
        c.channels.forEach((ch, hi) => {
          ch.fees.forEach((f, fi) => {
            const fp = `${cp}.channels[${hi}].fees[${fi}]`;
            if (f.amountVnd === undefined && !f.description) report(rec, fp, 'fee has neither amountVnd nor description');
            if (c.capabilities.onlinePayment === 'NO_FEE' && (f.amountVnd === undefined || f.amountVnd > 0)) {
              report(rec, fp, 'onlinePayment is NO_FEE but a fee may be charged');
            }
          });
        });

        c.components.forEach((m, mi) => {
          const mp = `${cp}.components[${mi}]`;
          componentCount += 1;
          const expectedId = `cmp_${compact}_${c.code}_${mi + 1}`;
          if (m.id !== expectedId) report(rec, `${mp}.id`, `component id ${m.id} should be ${expectedId}`);
          const prevC = componentIds.get(m.id);
          if (prevC) report(rec, `${mp}.id`, `component id ${m.id} already used by ${prevC}`);
          else componentIds.set(m.id, rec);
          if (m.mandatory && m.originals + m.copies === 0) report(rec, mp, 'mandatory component with 0 originals and 0 copies');

          m.templates.forEach((t, ti) => {
            const tp = `${mp}.templates[${ti}]`;
            templateCount += 1;
            procTemplates += 1;
            if (!t.id.startsWith(`tpl_${compact}_`)) report(rec, `${tp}.id`, `template id ${t.id} should start with tpl_${compact}_`);
            const prevT = templateIds.get(t.id);
            if (prevT) report(rec, `${tp}.id`, `template id ${t.id} already used by ${prevT}`);
            else templateIds.set(t.id, rec);
            const prevF = templateFiles.get(t.file);
            if (prevF) report(rec, `${tp}.file`, `template file ${t.file} already used by ${prevF}`);
            else templateFiles.set(t.file, rec);
            const abs = path.resolve(catalogDir, t.file);
            if (!abs.startsWith(catalogDir + path.sep)) report(rec, `${tp}.file`, 'template path leaves the catalogue folder');
            else if (!existsSync(abs)) report(rec, `${tp}.file`, `template file not found: ${path.relative(ROOT, abs)}`);
            else {
              const size = statSync(abs).size;
              templateBytes += size;
              if (size < 1024) report(rec, `${tp}.file`, `template file is suspiciously small (${size} bytes)`);
            }
            if (!/\.pdf$/i.test(t.fileName)) report(rec, `${tp}.fileName`, 'download name should end with .pdf');
          });
        });
      });
    });
    if (procTemplates === 0) report(rec, 'versions', 'no component has a template (application form)');
    if (procLevels.size > 1) report(rec, 'versions', `cases disagree on the service level: ${[...procLevels].join(' / ')}`);
    for (const k of procLevels) perLevel.set(k, (perLevel.get(k) ?? 0) + 1);
  });

  // counts (the total is taken from the raw file, so records failing the schema still count)
  const total = rawList('procedures').length;
  if (total !== EXPECTED_TOTAL) report('file', 'procedures', `${total} procedures (expected ${EXPECTED_TOTAL})`);
  if (partial) {
    // per-field and per-level counts are meaningless while some procedures fail the schema
    perField.clear();
    for (const p of rawList('procedures')) {
      const f = typeof p.fieldCode === 'string' ? p.fieldCode : '(none)';
      perField.set(f, (perField.get(f) ?? 0) + 1);
    }
  }
  for (const [field, n] of Object.entries(EXPECTED_PER_FIELD)) {
    const got = perField.get(field) ?? 0;
    if (got !== n) report(`field ${field}`, 'procedures', `${got} procedures (expected ${n})`);
  }
  for (const field of perField.keys()) {
    if (!(field in EXPECTED_PER_FIELD)) report(`field ${field}`, 'procedures', 'procedures in an unexpected field');
  }
  for (const [level, n] of partial ? [] : Object.entries(EXPECTED_PER_LEVEL)) {
    const got = perLevel.get(level) ?? 0;
    if (got !== n) report('file', 'procedures', `${got} procedures at "${level}" (expected ${n})`);
  }
  for (const level of perLevel.keys()) {
    if (!(level in EXPECTED_PER_LEVEL)) report('file', 'procedures', `unexpected service level "${level}"`);
  }
}

// ---------- output ----------
const rel = path.relative(process.cwd(), catalogPath) || catalogPath;
if (problems.length > 0) {
  const byRecord = new Map<string, Problem[]>();
  for (const p of problems) byRecord.set(p.record, [...(byRecord.get(p.record) ?? []), p]);
  console.error(`✗ ${rel}: ${problems.length} problem(s) in ${byRecord.size} record(s)\n`);
  for (const [record, list] of byRecord) {
    console.error(`  ${record}`);
    for (const p of list) console.error(`    - ${p.path}: ${p.message}`);
  }
  console.error('');
}

if (data) {
  const d = data;
  console.log(`Summary of ${rel}${partial ? ' (schema-valid records only)' : ''}`);
  console.log(`  agencies: ${d.agencies.length} (${d.agencies.filter((a) => a.external).length} external), fields: ${d.fields.length}`);
  console.log(`  procedures: ${d.procedures.length}, cases: ${caseCount}, components: ${componentCount}, templates: ${templateCount} (${(templateBytes / 1024).toFixed(0)} KB)`);
  console.log('  per field:');
  for (const f of d.fields) console.log(`    ${f.code.padEnd(20)} ${String(perField.get(f.code) ?? 0).padStart(3)}  ${f.name}`);
  console.log('  per level:');
  for (const [k, n] of [...perLevel].sort()) console.log(`    ${String(n).padStart(3)}  ${k}`);
  console.log('  provenance:');
  for (const [k, n] of [...perConfidence].sort()) console.log(`    ${String(n).padStart(3)}  ${k}`);
}

if (problems.length > 0) process.exit(1);
console.log('✓ seed catalogue is valid');
