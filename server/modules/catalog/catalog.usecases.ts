/** Public catalogue use cases: search, procedure detail, template download, fields, agencies. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { onlineLevel, legacyLevel, type OnlineLevel, type LegacyLevel } from '../../../common/service-levels.js';
import { queryRows, type Database } from '../../platform/db/create-database.js';
import { createNoCurrentVersionError, createProcedureNotFoundError, createTemplateNotFoundError } from './catalog.errors.js';
import { levelsOfVersion, pickCurrentVersion, todayInVietnam } from './catalog.models.js';
import { createCatalogRepository } from './catalog.repository.js';
import { refreshSearchProjection, type SearchFilters } from './catalog.search.js';
import { SearchCache } from './catalog.search-cache.js';
import { invalidateSearchIndex, searchIndexOf } from './catalog.search-index.js';
import { procedureDetailSchema, type ProcedureDetail, type SearchResult } from './catalog.schemas.js';
import { DetailAnswer } from './catalog.detail-answer.js';

// The projection follows the version in force *today*; a new day may bring a new version.
const projectionDates = new WeakMap<Database, string>();
const searchCaches = new WeakMap<Database, SearchCache<SearchResult>>();
const detailCaches = new WeakMap<Database, SearchCache<DetailAnswer>>();

function searchCacheOf(db: Database) {
  let cache = searchCaches.get(db);
  if (!cache) searchCaches.set(db, (cache = new SearchCache<SearchResult>()));
  return cache;
}

const projectionRefreshes = new WeakMap<Database, Promise<void>>();

/** Rebuilds the projection on the first search of the day; searches arriving meanwhile wait for that one rebuild. */
async function ensureProjectionIsCurrent(db: Database) {
  const today = todayInVietnam();
  if (projectionDates.get(db) === today) return;
  let running = projectionRefreshes.get(db);
  if (!running) {
    running = refreshSearchProjection({ db, date: today })
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
 * Searches the catalogue through this node's in-process index (catalog.search-index.ts), which
 * checks the projection's version at most every `indexCheckMs`. Answers are cached on this node
 * for `cacheSeconds` (0: never).
 */
export async function searchCatalog({ db, filters, cacheSeconds = 0, indexCheckMs = 250 }: { db: Database; filters: SearchFilters; cacheSeconds?: number; indexCheckMs?: number }): Promise<SearchResult> {
  const cache = searchCacheOf(db);
  const key = SearchCache.key(filters, todayInVietnam());
  const cached = cacheSeconds > 0 ? cache.get(key) : undefined;
  if (cached) return cached;
  await ensureProjectionIsCurrent(db);
  const result = await runSearch(db, filters, indexCheckMs);
  cache.set(key, result, cacheSeconds * 1000);
  return result;
}

async function runSearch(db: Database, filters: SearchFilters, indexCheckMs: number): Promise<SearchResult> {
  const index = await searchIndexOf(db, indexCheckMs);
  const { items, total, fieldFacets, levelFacets } = index.search(filters);
  return {
    items: items.map((r) => ({
      code: r.code,
      name: r.name,
      field: { code: r.field_code, name: r.field_name, nameEn: r.field_name_en },
      onlineLevel: r.online_level as OnlineLevel,
      legacyLevel: Number(r.legacy_level) as LegacyLevel,
      applicantTypes: r.applicant_types as SearchResult['items'][number]['applicantTypes'],
      implementingAgency: r.implementing_code ? { code: r.implementing_code, name: r.implementing_name!, nameEn: r.implementing_name_en } : null,
    })),
    total,
    page: filters.page,
    pageSize: filters.pageSize,
    facets: {
      fields: fieldFacets.map((f) => ({ code: f.code, name: f.name, nameEn: f.name_en, count: Number(f.count) })),
      levels: levelFacets.map((l) => ({ level: l.level as OnlineLevel, count: Number(l.count) })),
    },
  };
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
