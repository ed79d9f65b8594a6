/**
 * Imports a catalogue exchange file (the bundled seed or an administrator's file).
 * All or nothing: every problem in the file is reported with its record and field, and a
 * file with any error imports nothing. Re-importing the same file changes nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { FieldProblem } from '../../platform/errors/app-error.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { catalogFileSchema, type CatalogFile, type CatalogProcedure, type CatalogVersion } from './catalog.import-schema.js';
import { createImportInvalidError } from './catalog.errors.js';
import { sniffTemplateMediaType } from './catalog.models.js';
import {
  agenciesTable,
  caseComponentsTable,
  fieldsTable,
  procedureAgenciesTable,
  procedureCasesTable,
  proceduresTable,
  procedureVersionsTable,
  templateFilesTable,
} from './catalog.tables.js';
import { refreshSearchProjection } from './catalog.search.js';

export interface ImportSummary {
  fields: number;
  agencies: number;
  proceduresCreated: number;
  proceduresUpdated: number;
  versionsCreated: number;
  versionsUnchanged: number;
}

interface LoadedTemplate {
  bytes: Buffer;
  sha256: string;
  mediaType: string;
}

/** Reads and checks a file from disk; throws catalog.import_invalid listing every problem. */
export function readCatalogFile(filePath: string): ReturnType<typeof checkCatalogFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(filePath, 'utf8'));
  } catch (cause) {
    throw createImportInvalidError({ errors: [{ path: '(tệp)', message: `Không đọc được JSON: ${(cause as Error).message}` }], details: { file: filePath } });
  }
  return checkCatalogFile(raw, path.dirname(filePath), filePath);
}

/** Label a path with the procedure code, so that a person finds the record: `procedures[3] (2.001816).versions[0]...`. */
function describePath(raw: unknown, issuePath: PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = raw;
  for (const key of issuePath) {
    if (typeof key === 'number') {
      parts[parts.length - 1] += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const code = (node as { code?: unknown; id?: unknown } | undefined)?.code ?? (node as { id?: unknown } | undefined)?.id;
      if (typeof code === 'string') parts[parts.length - 1] += ` (${code})`;
    } else {
      parts.push(String(key));
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined;
    }
  }
  return parts.join('.') || '(gốc tệp)';
}

export function checkCatalogFile(raw: unknown, baseDir: string, fileLabel = '(tệp)') {
  const parsed = catalogFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw createImportInvalidError({
      errors: parsed.error.issues.map((i) => ({ path: describePath(raw, i.path), message: i.message })),
      details: { file: fileLabel },
    });
  }
  const file = parsed.data;
  const problems: FieldProblem[] = [];
  const templates = new Map<string, LoadedTemplate>();
  const seen = { procedures: new Set<string>(), components: new Set<string>(), templates: new Set<string>() };
  const fieldCodes = new Set(file.fields.map((f) => f.code));
  const agencyCodes = new Set(file.agencies.map((a) => a.code));
  // Codes the file uses without defining: they must already be in the database (checked at import).
  const references: ExternalReference[] = [];

  file.agencies.forEach((a, i) => {
    if (a.parentCode && !agencyCodes.has(a.parentCode)) references.push({ path: `agencies[${i}] (${a.code}).parentCode`, kind: 'agency', code: a.parentCode });
  });
  file.procedures.forEach((p, pi) => {
    const at = `procedures[${pi}] (${p.code})`;
    if (seen.procedures.has(p.code)) problems.push({ path: `${at}.code`, message: 'Mã thủ tục bị trùng trong tệp' });
    seen.procedures.add(p.code);
    if (!fieldCodes.has(p.fieldCode)) references.push({ path: `${at}.fieldCode`, kind: 'field', code: p.fieldCode });
    p.agencies.forEach((a, ai) => {
      if (!agencyCodes.has(a.agencyCode)) references.push({ path: `${at}.agencies[${ai}].agencyCode`, kind: 'agency', code: a.agencyCode });
    });
    if (!p.agencies.some((a) => a.role === 'IMPLEMENTING')) problems.push({ path: `${at}.agencies`, message: 'Cần ít nhất một cơ quan thực hiện (IMPLEMENTING)' });
    const versionNos = new Set<number>();
    p.versions.forEach((v, vi) => {
      if (versionNos.has(v.versionNo)) problems.push({ path: `${at}.versions[${vi}].versionNo`, message: 'Số phiên bản bị trùng' });
      versionNos.add(v.versionNo);
      if (v.validTo && v.validTo <= v.validFrom) problems.push({ path: `${at}.versions[${vi}].validTo`, message: 'Ngày hết hiệu lực phải sau ngày có hiệu lực' });
      const caseCodes = new Set<string>();
      v.cases.forEach((c, ci) => {
        const cat = `${at}.versions[${vi}].cases[${ci}] (${c.code})`;
        if (caseCodes.has(c.code)) problems.push({ path: `${cat}.code`, message: 'Mã trường hợp bị trùng' });
        caseCodes.add(c.code);
        c.components.forEach((comp, mi) => {
          const mat = `${cat}.components[${mi}] (${comp.id})`;
          if (seen.components.has(comp.id)) problems.push({ path: `${mat}.id`, message: 'Mã thành phần hồ sơ bị trùng' });
          seen.components.add(comp.id);
          comp.templates.forEach((t, ti) => {
            const tat = `${mat}.templates[${ti}] (${t.id})`;
            if (seen.templates.has(t.id)) problems.push({ path: `${tat}.id`, message: 'Mã mẫu đơn bị trùng' });
            seen.templates.add(t.id);
            const full = path.resolve(baseDir, t.file);
            let bytes: Buffer;
            try {
              bytes = fs.readFileSync(full);
            } catch {
              problems.push({ path: `${tat}.file`, message: `Không đọc được tệp ${t.file}` });
              return;
            }
            const mediaType = sniffTemplateMediaType(bytes);
            if (!mediaType) problems.push({ path: `${tat}.file`, message: `${t.file} không phải PDF, DOCX, XLSX hoặc DOC (kiểm tra theo nội dung tệp)` });
            else templates.set(t.id, { bytes, mediaType, sha256: createHash('sha256').update(bytes).digest('hex') });
          });
        });
      });
    });
  });
  if (problems.length > 0) throw createImportInvalidError({ errors: problems, details: { file: fileLabel } });
  return { file, templates, references };
}

export interface ExternalReference {
  path: string;
  kind: 'field' | 'agency';
  code: string;
}

async function findMissingReferences(tx: DbExecutor, references: ExternalReference[]): Promise<FieldProblem[]> {
  if (references.length === 0) return [];
  const fields = new Set((await tx.select({ code: fieldsTable.code }).from(fieldsTable)).map((r) => r.code));
  const agencies = new Set((await tx.select({ code: agenciesTable.code }).from(agenciesTable)).map((r) => r.code));
  return references
    .filter((r) => !(r.kind === 'field' ? fields : agencies).has(r.code))
    .map((r) => ({
      path: r.path,
      message: r.kind === 'field' ? `Lĩnh vực ${r.code} không có trong tệp và chưa có trong hệ thống` : `Cơ quan ${r.code} không có trong tệp và chưa có trong hệ thống`,
    }));
}

/**
 * The published content of a version. Upload limits (`maxSizeMb`, `acceptedTypes`, `maxFiles`) and
 * `filledByForm` (whether the e-form stands for a component: how the portal takes it) are left out:
 * they are a portal setting, not part of the procedure, so they may change for a version in force,
 * and a file without them hashes exactly as before they existed.
 */
function versionHash(version: CatalogVersion, templates: Map<string, LoadedTemplate>): string {
  const content: CatalogVersion = {
    ...version,
    cases: version.cases.map((c) => ({
      ...c,
      components: c.components.map(({ maxSizeMb: _size, acceptedTypes: _types, maxFiles: _files, filledByForm: _form, ...m }) => m),
      // How a fee is computed and when it is paid follow the fee circular in force: not part of the published content.
      channels: c.channels.map((ch) => ({ ...ch, fees: ch.fees.map(({ stage: _s, tiers: _t, illustrative: _i, payLater: _p, ...f }) => f) })),
    })),
  };
  const templateHashes = version.cases.flatMap((c) => c.components.flatMap((m) => m.templates.map((t) => templates.get(t.id)?.sha256)));
  return createHash('sha256').update(JSON.stringify({ version: content, templateHashes })).digest('hex');
}

const componentLimits = (m: CatalogVersion['cases'][number]['components'][number]) => ({ maxSizeMb: m.maxSizeMb ?? null, acceptedTypes: m.acceptedTypes ?? null, maxFiles: m.maxFiles ?? null, filledByForm: m.filledByForm ?? false });

/** Applies the file's upload limits and fee rules to a version already imported with the same content. */
async function updateComponentLimits(tx: DbExecutor, v: CatalogVersion, versionId: string) {
  for (const m of v.cases.flatMap((c) => c.components)) await tx.update(caseComponentsTable).set(componentLimits(m)).where(eq(caseComponentsTable.id, m.id));
  for (const c of v.cases) {
    await tx.update(procedureCasesTable).set({ channels: c.channels }).where(and(eq(procedureCasesTable.versionId, versionId), eq(procedureCasesTable.code, c.code)));
  }
}

/**
 * Writes a checked file in one transaction and rebuilds the search projection.
 * @throws catalog.import_invalid when a version number exists with different content.
 */
export async function importCatalog({ db, file, templates, references = [] }: { db: Database; file: CatalogFile; templates: Map<string, LoadedTemplate>; references?: ExternalReference[] }): Promise<ImportSummary> {
  return db.transaction(async (tx) => {
    const missing = await findMissingReferences(tx, references);
    if (missing.length > 0) throw createImportInvalidError({ errors: missing });
    const summary: ImportSummary = { fields: 0, agencies: 0, proceduresCreated: 0, proceduresUpdated: 0, versionsCreated: 0, versionsUnchanged: 0 };
    for (const f of file.fields) {
      await tx.insert(fieldsTable).values({ code: f.code, name: f.name, nameEn: f.nameEn, sortOrder: f.sortOrder })
        .onConflictDoUpdate({ target: fieldsTable.code, set: { name: f.name, nameEn: f.nameEn ?? null, sortOrder: f.sortOrder, updatedAt: new Date() } });
      summary.fields++;
    }
    const agencyIds = await upsertAgencies(tx, file);
    summary.agencies = agencyIds.size;
    const conflicts: FieldProblem[] = [];
    const touched: string[] = [];
    for (const [pi, p] of file.procedures.entries()) {
      const { procedureId, created } = await upsertProcedure(tx, p, agencyIds);
      touched.push(procedureId);
      if (created) summary.proceduresCreated++;
      else summary.proceduresUpdated++;
      for (const [vi, v] of p.versions.entries()) {
        const hash = versionHash(v, templates);
        const [existing] = await tx.select({ id: procedureVersionsTable.id, contentHash: procedureVersionsTable.contentHash }).from(procedureVersionsTable)
          .where(and(eq(procedureVersionsTable.procedureId, procedureId), eq(procedureVersionsTable.versionNo, v.versionNo)));
        if (existing) {
          if (existing.contentHash === hash) {
            await updateComponentLimits(tx, v, existing.id);
            summary.versionsUnchanged++;
          } else conflicts.push({ path: `procedures[${pi}] (${p.code}).versions[${vi}].versionNo`, message: `Phiên bản ${v.versionNo} đã có với nội dung khác; hãy tạo phiên bản mới (số lớn hơn) thay vì sửa phiên bản đã công bố` });
          continue;
        }
        const taken = await findTakenIds(tx, v);
        if (taken.length > 0) {
          conflicts.push({ path: `procedures[${pi}] (${p.code}).versions[${vi}]`, message: `Mã đã được dùng ở thủ tục khác hoặc phiên bản khác: ${taken.join(', ')}` });
          continue;
        }
        await insertVersion(tx, procedureId, v, hash, templates);
        summary.versionsCreated++;
      }
    }
    if (conflicts.length > 0) throw createImportInvalidError({ errors: conflicts });
    await refreshSearchProjection({ db: tx, procedureIds: touched });
    return summary;
  });
}

async function upsertAgencies(tx: DbExecutor, file: CatalogFile): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const row of await tx.select({ id: agenciesTable.id, code: agenciesTable.code }).from(agenciesTable)) ids.set(row.code, row.id);
  // Parents first: repeat passes until every agency whose parent is known is written.
  let pending = [...file.agencies];
  while (pending.length > 0) {
    const ready = pending.filter((a) => !a.parentCode || ids.has(a.parentCode) && !pending.some((b) => b.code === a.parentCode));
    if (ready.length === 0) throw createImportInvalidError({ errors: pending.map((a) => ({ path: `agencies (${a.code}).parentCode`, message: 'Cây cơ quan có vòng lặp' })) });
    for (const a of ready) {
      const values = { name: a.name, nameEn: a.nameEn ?? null, address: a.address ?? null, external: a.external, parentId: a.parentCode ? ids.get(a.parentCode)! : null };
      const [row] = await tx.insert(agenciesTable).values({ id: ids.get(a.code) ?? createId('agc'), code: a.code, ...values })
        .onConflictDoUpdate({ target: agenciesTable.code, set: { ...values, updatedAt: new Date() } })
        .returning({ id: agenciesTable.id });
      ids.set(a.code, row!.id);
    }
    pending = pending.filter((a) => !ready.includes(a));
  }
  return ids;
}

async function upsertProcedure(tx: DbExecutor, p: CatalogProcedure, agencyIds: Map<string, string>) {
  const values = {
    name: p.name,
    nameEn: p.nameEn ?? null,
    description: p.description ?? null,
    fieldCode: p.fieldCode,
    implementationLevels: p.implementationLevels,
    applicantTypes: p.applicantTypes,
    keywords: p.keywords,
    provenance: p.provenance,
  };
  const [existing] = await tx.select({ id: proceduresTable.id }).from(proceduresTable).where(eq(proceduresTable.code, p.code));
  const procedureId = existing?.id ?? createId('proc');
  if (existing) await tx.update(proceduresTable).set({ ...values, updatedAt: new Date() }).where(eq(proceduresTable.id, procedureId));
  else await tx.insert(proceduresTable).values({ id: procedureId, code: p.code, ...values });
  await tx.delete(procedureAgenciesTable).where(eq(procedureAgenciesTable.procedureId, procedureId));
  const links = [...new Map(p.agencies.map((a) => [`${a.agencyCode}|${a.role}`, a])).values()];
  await tx.insert(procedureAgenciesTable).values(links.map((a) => ({ procedureId, agencyId: agencyIds.get(a.agencyCode)!, role: a.role })));
  return { procedureId, created: !existing };
}

/** Component and template ids are global (dossiers refer to them): a new version may not reuse one. */
async function findTakenIds(tx: DbExecutor, v: CatalogVersion): Promise<string[]> {
  const componentIds = v.cases.flatMap((c) => c.components.map((m) => m.id));
  const templateIds = v.cases.flatMap((c) => c.components.flatMap((m) => m.templates.map((t) => t.id)));
  const components = componentIds.length ? await tx.select({ id: caseComponentsTable.id }).from(caseComponentsTable).where(inArray(caseComponentsTable.id, componentIds)) : [];
  const files = templateIds.length ? await tx.select({ id: templateFilesTable.id }).from(templateFilesTable).where(inArray(templateFilesTable.id, templateIds)) : [];
  return [...components, ...files].map((r) => r.id);
}

async function insertVersion(tx: DbExecutor, procedureId: string, v: CatalogVersion, contentHash: string, templates: Map<string, LoadedTemplate>) {
  const versionId = createId('pver');
  await tx.insert(procedureVersionsTable).values({
    id: versionId,
    procedureId,
    versionNo: v.versionNo,
    validFrom: v.validFrom,
    validTo: v.validTo ?? null,
    publishingDecision: v.publishingDecision,
    legalBasis: v.legalBasis,
    requirements: v.requirements,
    submissionPlaces: v.submissionPlaces,
    results: v.results,
    contentHash,
  });
  for (const [ci, c] of v.cases.entries()) {
    const caseId = createId('pcase');
    await tx.insert(procedureCasesTable).values({ id: caseId, versionId, code: c.code, name: c.name, sortOrder: ci, steps: c.steps, channels: c.channels, capabilities: c.capabilities });
    for (const [mi, m] of c.components.entries()) {
      await tx.insert(caseComponentsTable).values({ id: m.id, caseId, code: m.code ?? null, name: m.name, description: m.description ?? null, mandatory: m.mandatory, originals: m.originals, copies: m.copies, sortOrder: mi, ...componentLimits(m) });
      for (const [ti, t] of m.templates.entries()) {
        const loaded = templates.get(t.id)!;
        await tx.insert(templateFilesTable).values({ id: t.id, componentId: m.id, title: t.title, fileName: t.fileName.normalize('NFC'), mediaType: loaded.mediaType, sizeBytes: loaded.bytes.length, sha256: loaded.sha256, content: loaded.bytes, sortOrder: ti });
      }
    }
  }
}
