/** Public catalogue use cases: search, procedure detail, template download, fields, agencies. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { onlineLevel, legacyLevel, type OnlineLevel, type LegacyLevel } from '../../../common/service-levels.js';
import { queryRows, type Database } from '../../platform/db/create-database.js';
import { takeTurn } from '../../platform/concurrency/turns.js';
import { createNoCurrentVersionError, createProcedureNotFoundError, createTemplateNotFoundError } from './catalog.errors.js';
import { levelsOfVersion, pickCurrentVersion, todayInVietnam } from './catalog.models.js';
import { createCatalogRepository } from './catalog.repository.js';
import { refreshSearchProjection, type SearchFilters, type SearchItemRow, type SearchResultRows } from './catalog.search.js';
import { SearchCache } from './catalog.search-cache.js';
import { invalidateSearchIndex, searchIndexOf, type SearchIndex } from './catalog.search-index.js';
import { procedureDetailSchema, procedureSummarySchema, searchResultSchema, type ProcedureDetail, type SearchResult } from './catalog.schemas.js';
import { DetailAnswer } from './catalog.detail-answer.js';

// The projection follows the version in force *today*; a new day may bring a new version.
const projectionDates = new WeakMap<Database, string>();
const searchCaches = new WeakMap<Database, SearchCache<Buffer>>();
const detailCaches = new WeakMap<Database, SearchCache<DetailAnswer>>();

function searchCacheOf(db: Database) {
  let cache = searchCaches.get(db);
  if (!cache) searchCaches.set(db, (cache = new SearchCache<Buffer>()));
  return cache;
}

const projectionRefreshes = new WeakMap<Database, Promise<void>>();

/**
 * Whether every row of the projection was written today (Vietnam's date, by the database's clock):
 * then a node, or this one before a restart, has rebuilt all of it today and the versions in force
 * are today's. (Rows written later by a publish are today's as well.)
 */
export async function projectionRefreshedToday(db: Database, today: string): Promise<boolean> {
  const [row] = await queryRows<{ first: number | string | null; last: number | string | null }>(db, sql`
    SELECT (extract(epoch FROM min(refreshed_at)) * 1000)::float8 AS first, (extract(epoch FROM max(refreshed_at)) * 1000)::float8 AS last
    FROM procedure_search`);
  if (row?.first == null || row.last == null) return false;
  return todayInVietnam(new Date(Number(row.first))) === today && todayInVietnam(new Date(Number(row.last))) === today;
}

/**
 * Rebuilds the projection on the first search of the day on this node, unless it was rebuilt
 * today already (by another node, or by this one before a restart): a full rebuild of a national
 * catalogue takes seconds, holds this node's searches, and makes every node rebuild its index.
 * Searches arriving meanwhile wait for that one check or rebuild.
 */
async function ensureProjectionIsCurrent(db: Database) {
  const today = todayInVietnam();
  if (projectionDates.get(db) === today) return;
  let running = projectionRefreshes.get(db);
  if (!running) {
    running = projectionRefreshedToday(db, today)
      .then((fresh) => (fresh ? undefined : refreshSearchProjection({ db, date: today })))
      .then(() => { projectionDates.set(db, today); })
      .finally(() => projectionRefreshes.delete(db));
    projectionRefreshes.set(db, running);
  }
  await running;
}

/** Marks the projection as rebuilt today (after an import) and drops cached answers. */
export function markProjectionFresh(db: Database) {
  projectionDates.set(db, todayInVietnam());
  searchCaches.get(db)?.clear();
  detailCaches.get(db)?.clear();
  invalidateSearchIndex(db);
}

/**
 * The procedure page's answer (JSON text, strong ETag, encodings), kept on this node for
 * `cacheSeconds` (0: never) per procedure and date; dropped when the node publishes or imports.
 * @throws catalog.procedure_not_found, catalog.no_current_version
 */
export async function getProcedureDetailAnswer({ db, code, at, cacheSeconds = 0 }: { db: Database; code: string; at?: string; cacheSeconds?: number }): Promise<DetailAnswer> {
  let cache = detailCaches.get(db);
  if (!cache) detailCaches.set(db, (cache = new SearchCache<DetailAnswer>(500)));
  const key = `${code}\u0000${at ?? todayInVietnam()}`;
  const cached = cacheSeconds > 0 ? cache.get(key) : undefined;
  if (cached) return cached;
  const detail = await getProcedureDetail({ db, code, at });
  // What the route's serialiser would send: the schema's encoding of the answer, as JSON.
  const answer = new DetailAnswer(JSON.stringify(z.encode(procedureDetailSchema, detail)));
  cache.set(key, answer, cacheSeconds * 1000);
  return answer;
}

/**
 * Per index, the JSON of each procedure's summary and of each field's facet up to its count, as
 * UTF-8 bytes, each checked against the response schema once (then, as the serialiser would, a
 * row the schema refuses fails the request) and copied into every answer that shows it.
 */
interface AnswerParts {
  summaries: Map<string, Buffer>;
  fieldHeads: Map<string, Buffer>;
  levelHeads: Map<string, Buffer>;
}
const answerParts = new WeakMap<SearchIndex, AnswerParts>();

function summaryJson(parts: AnswerParts, r: SearchItemRow): Buffer {
  let json = parts.summaries.get(r.code);
  if (json === undefined) {
    json = Buffer.from(JSON.stringify(z.encode(procedureSummarySchema, {
      code: r.code,
      name: r.name,
      field: { code: r.field_code, name: r.field_name, nameEn: r.field_name_en },
      onlineLevel: r.online_level as OnlineLevel,
      legacyLevel: Number(r.legacy_level) as LegacyLevel,
      applicantTypes: r.applicant_types as SearchResult['items'][number]['applicantTypes'],
      implementingAgency: r.implementing_code ? { code: r.implementing_code, name: r.implementing_name!, nameEn: r.implementing_name_en } : null,
    })));
    parts.summaries.set(r.code, json);
  }
  return json;
}

function fieldFacetHead(parts: AnswerParts, f: { code: string; name: string; name_en: string | null }): Buffer {
  return facetHead(parts.fieldHeads, f.code, () => z.encode(searchResultSchema.shape.facets.shape.fields.element, { code: f.code, name: f.name, nameEn: f.name_en, count: 0 }));
}

function levelFacetHead(parts: AnswerParts, l: { level: string }): Buffer {
  return facetHead(parts.levelHeads, l.level, () => z.encode(searchResultSchema.shape.facets.shape.levels.element, { level: l.level as OnlineLevel, count: 0 }));
}

/**
 * A facet's head: its encoding with a zero count, up to that count (the count being its last
 * key), made once per key and kept in `heads`; the answer adds the count and the closing brace.
 */
function facetHead(heads: Map<string, Buffer>, key: string, encodeWithZero: () => object): Buffer {
  let head = heads.get(key);
  if (head === undefined) {
    const whole = JSON.stringify(encodeWithZero());
    head = Buffer.from(whole.slice(0, whole.length - '0}'.length));
    heads.set(key, head);
  }
  return head;
}

/** A count as the schema's integer would pass it, in digits. */
function checkedCount(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer count: ${n}`);
  return String(n);
}

/** The answer's fixed pieces, as bytes. */
const piece = {
  open: Buffer.from('{"items":['),
  comma: Buffer.from(','),
  total: Buffer.from('],"total":'),
  page: Buffer.from(',"page":'),
  pageSize: Buffer.from(',"pageSize":'),
  fields: Buffer.from(',"facets":{"fields":['),
  levels: Buffer.from('],"levels":['),
  close: Buffer.from(']}}'),
  brace: Buffer.from('}'),
};

/**
 * Searches the catalogue through this node's in-process index (catalog.search-index.ts), which
 * checks the projection's version at most every `indexCheckMs`. The answer is what the route
 * sends: the UTF-8 bytes of the JSON text, byte for byte what the response schema's serialiser
 * would make of the result (see `answerJson`), copied together from bytes kept per procedure and
 * facet, so that no answer-sized string is joined, then measured and encoded again to be sent.
 * Answers are cached on this node for `cacheSeconds` (0: never).
 */
export async function searchCatalogAnswer({ db, filters, cacheSeconds = 0, indexCheckMs = 250 }: { db: Database; filters: SearchFilters; cacheSeconds?: number; indexCheckMs?: number }): Promise<Buffer> {
  // The key (normalised query, today's date) is only worth making when answers are kept.
  if (cacheSeconds <= 0) {
    await ensureProjectionIsCurrent(db);
    return runSearch(db, filters, indexCheckMs);
  }
  const cache = searchCacheOf(db);
  const key = SearchCache.key(filters, todayInVietnam());
  const cached = cache.get(key);
  if (cached) return cached;
  await ensureProjectionIsCurrent(db);
  const result = await runSearch(db, filters, indexCheckMs);
  cache.set(key, result, cacheSeconds * 1000);
  return result;
}

/** The search's answer as an object (`searchCatalogAnswer` parsed). */
export async function searchCatalog(options: { db: Database; filters: SearchFilters; cacheSeconds?: number; indexCheckMs?: number }): Promise<SearchResult> {
  return JSON.parse((await searchCatalogAnswer(options)).toString('utf8')) as SearchResult;
}

/**
 * The answer's JSON as UTF-8 bytes: the same keys in the same order as `searchResultSchema`'s
 * encoding followed by JSON.stringify (catalog.search-answer.test.ts compares the two).
 */
export function answerJson(parts: AnswerParts, rows: SearchResultRows, filters: SearchFilters): Buffer {
  // Pieces are bytes, or digits (one byte each).
  const pieces: (Buffer | string)[] = [piece.open];
  rows.items.forEach((r, i) => {
    if (i > 0) pieces.push(piece.comma);
    pieces.push(summaryJson(parts, r));
  });
  pieces.push(piece.total, checkedCount(rows.total), piece.page, checkedCount(filters.page), piece.pageSize, checkedCount(filters.pageSize), piece.fields);
  rows.fieldFacets.forEach((f, i) => {
    if (i > 0) pieces.push(piece.comma);
    pieces.push(fieldFacetHead(parts, f), checkedCount(f.count), piece.brace);
  });
  pieces.push(piece.levels);
  rows.levelFacets.forEach((l, i) => {
    if (i > 0) pieces.push(piece.comma);
    pieces.push(levelFacetHead(parts, l), checkedCount(l.count), piece.brace);
  });
  pieces.push(piece.close);
  let length = 0;
  for (const p of pieces) length += p.length;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (const p of pieces) at += typeof p === 'string' ? out.write(p, at, 'latin1') : p.copy(out, at);
  return out;
}

/** A fresh set of answer parts (tests). */
export function newAnswerParts(): AnswerParts {
  return { summaries: new Map(), fieldHeads: new Map(), levelHeads: new Map() };
}

async function runSearch(db: Database, filters: SearchFilters, indexCheckMs: number): Promise<Buffer> {
  const index = await searchIndexOf(db, indexCheckMs);
  // The index's work is all CPU: searches take it in the order they arrived, one per turn of the
  // event loop, so that none waits for two passes over the sockets (ADR 0001, "Turns").
  await takeTurn();
  let parts = answerParts.get(index);
  if (!parts) answerParts.set(index, (parts = newAnswerParts()));
  return answerJson(parts, index.search(filters), filters);
}

/**
 * The procedure with its version in force on `at` (today in Vietnam by default), in full.
 * @throws catalog.procedure_not_found, catalog.no_current_version
 */
export async function getProcedureDetail({ db, code, at }: { db: Database; code: string; at?: string }): Promise<ProcedureDetail> {
  const repo = createCatalogRepository({ db });
  const found = await repo.getProcedureByCode(code);
  if (!found) throw createProcedureNotFoundError({ details: { code } });
  const { procedure, field } = found;
  const versions = await repo.listVersions(procedure.id);
  const current = pickCurrentVersion(versions, at ?? todayInVietnam());
  if (!current) throw createNoCurrentVersionError({ details: { code, at } });
  const [agencies, cases] = await Promise.all([repo.listProcedureAgencies(procedure.id), repo.listCasesWithComponents(current.id)]);
  const levels = levelsOfVersion(cases.map((c) => ({ capabilities: c.capabilities, hasTemplates: c.components.some((m) => m.templates.length > 0) })));
  return {
    code: procedure.code,
    name: procedure.name,
    nameEn: procedure.nameEn,
    description: procedure.description,
    field: { code: field.code, name: field.name, nameEn: field.nameEn },
    implementationLevels: procedure.implementationLevels,
    applicantTypes: procedure.applicantTypes as ProcedureDetail['applicantTypes'],
    keywords: procedure.keywords,
    agencies: agencies.map((a) => ({ role: a.role, code: a.code, name: a.name, nameEn: a.nameEn, address: a.address })),
    ...levels,
    provenance: procedure.provenance,
    version: {
      versionNo: current.versionNo,
      validFrom: current.validFrom,
      validTo: current.validTo,
      publishingDecision: current.publishingDecision ?? null,
      legalBasis: current.legalBasis,
      requirements: current.requirements,
      submissionPlaces: current.submissionPlaces,
      results: current.results,
    },
    cases: cases.map((c) => {
      const hasTemplates = c.components.some((m) => m.templates.length > 0);
      return {
        code: c.code,
        name: c.name,
        steps: c.steps,
        channels: c.channels,
        capabilities: c.capabilities,
        onlineLevel: onlineLevel(c.capabilities),
        legacyLevel: legacyLevel(c.capabilities, hasTemplates),
        components: c.components.map((m) => ({
          id: m.id,
          code: m.code,
          name: m.name,
          description: m.description,
          mandatory: m.mandatory,
          filledByForm: m.filledByForm,
          originals: m.originals,
          copies: m.copies,
          templates: m.templates.map((t) => ({
            id: t.id,
            title: t.title,
            fileName: t.fileName,
            mediaType: t.mediaType,
            sizeBytes: t.sizeBytes,
            sha256: t.sha256,
            url: `/api/v1/procedures/${encodeURIComponent(procedure.code)}/templates/${encodeURIComponent(t.id)}`,
          })),
        })),
      };
    }),
    versions: versions.map((v) => ({ versionNo: v.versionNo, validFrom: v.validFrom, validTo: v.validTo, current: v.id === current.id })),
  };
}

/** @throws catalog.procedure_not_found, catalog.template_not_found */
export async function getTemplateDownload({ db, code, templateId }: { db: Database; code: string; templateId: string }) {
  const repo = createCatalogRepository({ db });
  const found = await repo.getProcedureByCode(code);
  if (!found) throw createProcedureNotFoundError({ details: { code } });
  const file = await repo.getTemplateFile({ templateId, procedureId: found.procedure.id });
  if (!file) throw createTemplateNotFoundError({ details: { code, templateId } });
  return file;
}

export async function listFieldsWithCounts({ db }: { db: Database }) {
  await ensureProjectionIsCurrent(db);
  const rows = await queryRows<{ code: string; name: string; name_en: string | null; n: number | string }>(db, sql`
    SELECT f.code, f.name, f.name_en, count(s.procedure_id) AS n FROM fields f
    LEFT JOIN procedure_search s ON s.field_code = f.code
    GROUP BY f.code, f.name, f.name_en, f.sort_order ORDER BY f.sort_order, f.name`);
  return { items: rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, procedureCount: Number(r.n) })) };
}

export async function listAgencies({ db }: { db: Database }) {
  const rows = await createCatalogRepository({ db }).listAgencies();
  const codes = new Map(rows.map((r) => [r.id, r.code]));
  return {
    items: rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn, parentCode: r.parentId ? codes.get(r.parentId) ?? null : null, address: r.address, external: r.external })),
  };
}
