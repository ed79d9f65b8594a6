/**
 * Catalogue search over the `procedure_search` projection: diacritic-insensitive (unaccent)
 * and typo-tolerant (pg_trgm word similarity), ranked so that a match in the name beats a
 * match in keywords or documents.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbExecutor } from '../../platform/db/create-database.js';
import { levelsOfVersion, pickCurrentVersion, todayInVietnam } from './catalog.models.js';
import type { Capabilities } from './catalog.import-schema.js';

interface VersionRow {
  procedure_id: string;
  version_id: string;
  version_no: number;
  status: string;
  valid_from: string;
  valid_to: string | null;
}

/**
 * Rebuilds the projection rows of the given procedures (all when omitted) for the version in
 * force today in Vietnam. Procedures with no version in force leave the projection.
 */
export async function refreshSearchProjection({ db, procedureIds, date = todayInVietnam() }: { db: DbExecutor; procedureIds?: string[]; date?: string }) {
  const filter = procedureIds ? sql`WHERE v.procedure_id = ANY(${toTextArray(procedureIds)})` : sql``;
  const versions = await queryRows<VersionRow>(db, sql`
    SELECT v.procedure_id, v.id AS version_id, v.version_no, v.status, v.valid_from::text AS valid_from, v.valid_to::text AS valid_to
    FROM procedure_versions v ${filter}`);
  const byProcedure = new Map<string, VersionRow[]>();
  for (const v of versions) byProcedure.set(v.procedure_id, [...(byProcedure.get(v.procedure_id) ?? []), v]);
  const targets = procedureIds ?? [...byProcedure.keys()];
  for (const procedureId of targets) {
    const current = pickCurrentVersion(
      (byProcedure.get(procedureId) ?? []).map((v) => ({ ...v, versionNo: v.version_no, validFrom: v.valid_from, validTo: v.valid_to })),
      date,
    );
    if (!current) {
      await db.execute(sql`DELETE FROM procedure_search WHERE procedure_id = ${procedureId}`);
      continue;
    }
    const cases = await queryRows<{ capabilities: Capabilities; templates: number | string }>(db, sql`
      SELECT c.capabilities, (SELECT count(*) FROM case_components m JOIN template_files t ON t.component_id = m.id WHERE m.case_id = c.id) AS templates
      FROM procedure_cases c WHERE c.version_id = ${current.version_id}`);
    const levels = levelsOfVersion(cases.map((c) => ({ capabilities: c.capabilities, hasTemplates: Number(c.templates) > 0 })));
    await db.execute(sql`
      INSERT INTO procedure_search (procedure_id, version_id, code, name, field_code, name_norm, search_text, online_level, legacy_level, agency_codes, applicant_types, refreshed_at)
      SELECT p.id, ${current.version_id}, p.code, p.name, p.field_code,
        opendvc_search_normalize(p.name),
        opendvc_search_normalize(concat_ws(' ', p.name, p.code, p.name_en, array_to_string(p.keywords, ' '), f.name,
          (SELECT string_agg(a.name, ' ') FROM procedure_agencies pa JOIN agencies a ON a.id = pa.agency_id WHERE pa.procedure_id = p.id),
          (SELECT string_agg(m.name, ' ') FROM procedure_cases c JOIN case_components m ON m.case_id = c.id WHERE c.version_id = ${current.version_id}),
          (SELECT string_agg(r->>'name', ' ') FROM procedure_versions v, jsonb_array_elements(v.results) r WHERE v.id = ${current.version_id}))),
        ${levels.onlineLevel}, ${levels.legacyLevel},
        ARRAY(SELECT DISTINCT a.code FROM procedure_agencies pa JOIN agencies a ON a.id = pa.agency_id WHERE pa.procedure_id = p.id ORDER BY 1),
        p.applicant_types, now()
      FROM procedures p JOIN fields f ON f.code = p.field_code WHERE p.id = ${procedureId}
      ON CONFLICT (procedure_id) DO UPDATE SET version_id = EXCLUDED.version_id, code = EXCLUDED.code, name = EXCLUDED.name,
        field_code = EXCLUDED.field_code, name_norm = EXCLUDED.name_norm, search_text = EXCLUDED.search_text,
        online_level = EXCLUDED.online_level, legacy_level = EXCLUDED.legacy_level, agency_codes = EXCLUDED.agency_codes,
        applicant_types = EXCLUDED.applicant_types, refreshed_at = EXCLUDED.refreshed_at`);
  }
}

/** A text[] parameter that both drivers send the same way. */
function toTextArray(values: string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
}

export interface SearchFilters {
  q?: string;
  field?: string;
  agency?: string;
  level?: string;
  applicantType?: string;
  page: number;
  pageSize: number;
}

export interface SearchItemRow {
  code: string;
  name: string;
  field_code: string;
  field_name: string;
  field_name_en: string | null;
  online_level: string;
  legacy_level: number;
  applicant_types: string[];
  implementing_code: string | null;
  implementing_name: string | null;
  implementing_name_en: string | null;
  total: number | string;
}

/**
 * One page of matches plus facet counts. Each facet counts with every filter but its own, so
 * a person sees how many results choosing another field or level would give.
 */
export async function searchProcedures({ db, filters }: { db: DbExecutor; filters: SearchFilters }) {
  const q = filters.q?.trim() ?? '';
  const textMatch = q ? sql`(opendvc_search_normalize(${q}) <% s.search_text OR strpos(s.search_text, opendvc_search_normalize(${q})) > 0)` : sql`TRUE`;
  const conditions = {
    field: filters.field ? sql`s.field_code = ${filters.field}` : sql`TRUE`,
    agency: filters.agency ? sql`${filters.agency} = ANY(s.agency_codes)` : sql`TRUE`,
    level: filters.level ? sql`s.online_level = ${filters.level}` : sql`TRUE`,
    applicantType: filters.applicantType ? sql`${filters.applicantType} = ANY(s.applicant_types)` : sql`TRUE`,
  };
  const where = (except?: keyof typeof conditions) =>
    sql.join([textMatch, ...Object.entries(conditions).filter(([k]) => k !== except).map(([, c]) => c)], sql` AND `);
  const score = q
    ? sql`(word_similarity(opendvc_search_normalize(${q}), s.name_norm) * 2
          + word_similarity(opendvc_search_normalize(${q}), s.search_text)
          + similarity(opendvc_search_normalize(${q}), s.name_norm)
          + CASE WHEN strpos(s.name_norm, opendvc_search_normalize(${q})) > 0 THEN 2 ELSE 0 END)`
    : undefined;
  const offset = (filters.page - 1) * filters.pageSize;
  const items = await queryRows<SearchItemRow>(db, sql`
    SELECT s.code, s.name, s.field_code, f.name AS field_name, f.name_en AS field_name_en, s.online_level, s.legacy_level, s.applicant_types,
      a.code AS implementing_code, a.name AS implementing_name, a.name_en AS implementing_name_en,
      count(*) OVER () AS total
    FROM procedure_search s
    JOIN fields f ON f.code = s.field_code
    LEFT JOIN LATERAL (
      SELECT ag.code, ag.name, ag.name_en FROM procedure_agencies pa JOIN agencies ag ON ag.id = pa.agency_id
      WHERE pa.procedure_id = s.procedure_id AND pa.role = 'IMPLEMENTING' ORDER BY ag.code LIMIT 1
    ) a ON TRUE
    WHERE ${where()}
    ORDER BY ${score ? sql`${score} DESC, ` : sql``}f.sort_order, s.name, s.code
    LIMIT ${filters.pageSize} OFFSET ${offset}`);
  const fieldFacets = await queryRows<{ code: string; name: string; name_en: string | null; count: number | string }>(db, sql`
    SELECT f.code, f.name, f.name_en, count(s.procedure_id) AS count
    FROM fields f LEFT JOIN procedure_search s ON s.field_code = f.code AND ${where('field')}
    GROUP BY f.code, f.name, f.name_en, f.sort_order ORDER BY f.sort_order, f.name`);
  const levelFacets = await queryRows<{ level: string; count: number | string }>(db, sql`
    SELECT s.online_level AS level, count(*) AS count FROM procedure_search s WHERE ${where('level')} GROUP BY s.online_level`);
  let total = Number(items[0]?.total ?? 0);
  if (items.length === 0 && offset > 0) {
    // Past the last page: still report how many there are.
    const [row] = await queryRows<{ n: number | string }>(db, sql`SELECT count(*) AS n FROM procedure_search s WHERE ${where()}`);
    total = Number(row?.n ?? 0);
  }
  return { items, total, fieldFacets, levelFacets };
}
