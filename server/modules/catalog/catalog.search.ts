/**
 * Catalogue search over the `procedure_search` projection: diacritic-insensitive (unaccent)
 * and typo-tolerant (pg_trgm word similarity), ranked so that a match in the name beats a
 * match in keywords or documents.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, textArrayLiteral, type DbExecutor } from '../../platform/db/create-database.js';
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

let writes = 0;
/** How many projection refreshes this process has run: the in-process index checks the database when it changes. */
export function projectionWrites() {
  return writes;
}

/**
 * Rebuilds the projection rows of the given procedures (all when omitted) for the version in
 * force today in Vietnam. Procedures with no version in force leave the projection.
 * Set-based: a few statements per thousand procedures, whatever the catalogue's size (a national
 * catalogue holds tens of thousands; the projection is rebuilt on the first search of each day).
 */
export async function refreshSearchProjection({ db, procedureIds, date = todayInVietnam() }: { db: DbExecutor; procedureIds?: string[]; date?: string }) {
  const filter = procedureIds ? sql`WHERE v.procedure_id = ANY(${toTextArray(procedureIds)})` : sql``;
  const versions = await queryRows<VersionRow>(db, sql`
    SELECT v.procedure_id, v.id AS version_id, v.version_no, v.status, v.valid_from::text AS valid_from, v.valid_to::text AS valid_to
    FROM procedure_versions v ${filter}`);
  const byProcedure = new Map<string, VersionRow[]>();
  for (const v of versions) {
    const list = byProcedure.get(v.procedure_id);
    if (list) list.push(v);
    else byProcedure.set(v.procedure_id, [v]);
  }
  const targets = procedureIds ?? [...byProcedure.keys()];
  const gone: string[] = [];
  const current: { procedureId: string; versionId: string }[] = [];
  for (const procedureId of targets) {
    const version = pickCurrentVersion(
      (byProcedure.get(procedureId) ?? []).map((v) => ({ ...v, versionNo: v.version_no, validFrom: v.valid_from, validTo: v.valid_to })),
      date,
    );
    if (version) current.push({ procedureId, versionId: version.version_id });
    else gone.push(procedureId);
  }
  if (gone.length > 0) await db.execute(sql`DELETE FROM procedure_search WHERE procedure_id = ANY(${toTextArray(gone)})`);
  const chunk = 1000;
  for (let from = 0; from < current.length; from += chunk) {
    const part = current.slice(from, from + chunk);
    const versionIds = part.map((p) => p.versionId);
    const cases = await queryRows<{ version_id: string; capabilities: Capabilities; templates: number | string }>(db, sql`
      SELECT c.version_id, c.capabilities,
        (SELECT count(*) FROM case_components m JOIN template_files t ON t.component_id = m.id WHERE m.case_id = c.id) AS templates
      FROM procedure_cases c WHERE c.version_id = ANY(${toTextArray(versionIds)})`);
    const casesOf = new Map<string, { capabilities: Capabilities; hasTemplates: boolean }[]>();
    for (const c of cases) {
      const list = casesOf.get(c.version_id) ?? [];
      list.push({ capabilities: c.capabilities, hasTemplates: Number(c.templates) > 0 });
      casesOf.set(c.version_id, list);
    }
    const levels = part.map((p) => levelsOfVersion(casesOf.get(p.versionId) ?? []));
    await db.execute(sql`
      INSERT INTO procedure_search (procedure_id, version_id, code, name, field_code, name_norm, search_text, online_level, legacy_level,
        agency_codes, applicant_types, implementing_code, implementing_name, implementing_name_en, refreshed_at)
      SELECT p.id, u.version_id, p.code, p.name, p.field_code,
        opendvc_search_normalize(p.name),
        -- Kept short on purpose: word similarity costs time in proportion to the text's length.
        opendvc_search_normalize(concat_ws(' ', p.name, p.code, array_to_string(p.keywords, ' '), f.name,
          (SELECT string_agg(r->>'name', ' ') FROM procedure_versions v, jsonb_array_elements(v.results) r WHERE v.id = u.version_id))),
        u.online_level, u.legacy_level::int,
        ARRAY(SELECT DISTINCT a.code FROM procedure_agencies pa JOIN agencies a ON a.id = pa.agency_id WHERE pa.procedure_id = p.id ORDER BY 1),
        p.applicant_types, impl.code, impl.name, impl.name_en, now()
      FROM unnest(${toTextArray(part.map((p) => p.procedureId))}, ${toTextArray(versionIds)},
        ${toTextArray(levels.map((l) => l.onlineLevel))}, ${toTextArray(levels.map((l) => String(l.legacyLevel)))}) AS u(procedure_id, version_id, online_level, legacy_level)
      JOIN procedures p ON p.id = u.procedure_id
      JOIN fields f ON f.code = p.field_code
      LEFT JOIN LATERAL (
        SELECT a.code, a.name, a.name_en FROM procedure_agencies pa JOIN agencies a ON a.id = pa.agency_id
        WHERE pa.procedure_id = p.id AND pa.role = 'IMPLEMENTING' ORDER BY a.code LIMIT 1
      ) impl ON TRUE
      ON CONFLICT (procedure_id) DO UPDATE SET version_id = EXCLUDED.version_id, code = EXCLUDED.code, name = EXCLUDED.name,
        field_code = EXCLUDED.field_code, name_norm = EXCLUDED.name_norm, search_text = EXCLUDED.search_text,
        online_level = EXCLUDED.online_level, legacy_level = EXCLUDED.legacy_level, agency_codes = EXCLUDED.agency_codes,
        applicant_types = EXCLUDED.applicant_types, implementing_code = EXCLUDED.implementing_code,
        implementing_name = EXCLUDED.implementing_name, implementing_name_en = EXCLUDED.implementing_name_en,
        refreshed_at = EXCLUDED.refreshed_at`);
    // What ranking and word matching read, derived once here rather than on every search.
    await db.execute(sql`
      UPDATE procedure_search s SET
        name_words = ' ' || trim(regexp_replace(s.name_norm, '[^a-z0-9]+', ' ', 'g')) || ' ',
        text_words = ' ' || trim(regexp_replace(s.search_text, '[^a-z0-9]+', ' ', 'g')) || ' ',
        words = ARRAY(SELECT DISTINCT w FROM unnest(string_to_array(trim(regexp_replace(s.search_text, '[^a-z0-9]+', ' ', 'g')), ' ')) w WHERE w <> '' ORDER BY 1),
        keywords_norm = ARRAY(SELECT opendvc_search_normalize(k) FROM procedures p, unnest(p.keywords) k WHERE p.id = s.procedure_id)
      WHERE s.procedure_id = ANY(${toTextArray(part.map((p) => p.procedureId))})`);
  }
  await refreshVocabulary(db, procedureIds ? current.map((c) => c.procedureId) : undefined);
  writes++;
}

/**
 * Rebuilds the vocabulary (all of it, or the words of the given procedures with their counts).
 * Words of procedures that left the projection may linger until the next full rebuild: they
 * match nothing, and the counts only guide which words a search starts from.
 */
async function refreshVocabulary(db: DbExecutor, procedureIds?: string[]) {
  if (!procedureIds) {
    await db.execute(sql`DELETE FROM search_vocabulary`);
    // Two refreshes may overlap (the first searches of a day on one node, or on several nodes):
    // the second one's rows replace the first one's rather than colliding with them.
    await db.execute(sql`INSERT INTO search_vocabulary (word, procedures) SELECT w, count(*) FROM procedure_search, unnest(words) w GROUP BY w
      ON CONFLICT (word) DO UPDATE SET procedures = EXCLUDED.procedures`);
    return;
  }
  if (procedureIds.length === 0) return;
  await db.execute(sql`
    INSERT INTO search_vocabulary (word, procedures)
    SELECT x.w, (SELECT count(*) FROM procedure_search s WHERE s.words @> ARRAY[x.w])
    FROM (SELECT DISTINCT unnest(words) AS w FROM procedure_search WHERE procedure_id = ANY(${toTextArray(procedureIds)})) x
    ON CONFLICT (word) DO UPDATE SET procedures = EXCLUDED.procedures`);
}

/** A text[] parameter that both drivers send the same way. */
function toTextArray(values: string[]): SQL {
  return sql`${textArrayLiteral(values)}::text[]`;
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
}

/** One page of matches with its total and facet counts, as rows (before the API's naming). */
export interface SearchResultRows {
  items: SearchItemRow[];
  total: number;
  fieldFacets: { code: string; name: string; name_en: string | null; count: number }[];
  levelFacets: { level: string; count: number }[];
}

interface SearchRow {
  total: number | string;
  items: SearchItemRow[] | null;
  field_facets: { code: string; name: string; name_en: string | null; count: number }[] | null;
  level_facets: { level: string; count: number }[] | null;
}

/**
 * Words that turn one procedure into another (suspending, returning, extending, adjusting or
 * reissuing a licence rather than obtaining it), without diacritics. A name that holds one of
 * them ranks lower unless the person typed one of its words: "cap phep khai thac nuoc duoi
 * dat" means the licence, not "Tạm dừng hiệu lực giấy phép … khai thác …".
 */
export const MEANING_CHANGING_WORDS = ['tam dung', 'tra lai', 'gia han', 'dieu chinh', 'cap lai', 'cap doi'] as const;

/**
 * A name that opens with the plain issue in a list of acts ("Cấp, bổ sung, gia hạn, cấp lại,
 * cấp đổi giấy phép hoạt động đo đạc và bản đồ") is the licence itself as well as its changes:
 * its meaning-changing words cost nothing (the normalised name starts with this).
 */
export const NAME_LISTING_ISSUE = 'cap,';

/**
 * The relevance of one projection row to the query `qn` (q: normalised query, qw: its words
 * separated by single spaces), in two parts. Trigram similarity tolerates typos (`trigramScore`,
 * between 0 and 4); on top of it (`wordScore`, from the row's precomputed padded word strings
 * ` w1 w2 … `):
 * - every typed word found whole in the name (and, less, in the keywords) counts, so the
 *   procedure that holds all the words typed beats one that holds most of them;
 * - the typed words as one phrase in the name or keywords ("khí thải", "mỏ cát") count, and
 *   more when they are one of the procedure's keywords exactly ("thủy điện");
 * - a name that starts with the words typed outranks one that merely contains them;
 * - a meaning-changing word in the name that was not typed costs more than any of the above
 *   gives, and one that was typed counts — unless the name opens with the plain issue in a list
 *   of acts (`NAME_LISTING_ISSUE`).
 * The word part is cheap and computed for every match; the trigram part (which reads the whole
 * text) only for the matches whose word part leaves them a chance of reaching the page.
 */
function wordScore(): SQL {
  const words = sql`unnest(string_to_array(qn.qw, ' ')) AS typed(word)`;
  const wordCount = sql`greatest(1, coalesce(array_length(string_to_array(qn.qw, ' '), 1), 0))`;
  const modifiers = toTextArray([...MEANING_CHANGING_WORDS]);
  return sql`(CASE WHEN strpos(s.name_norm, qn.q) > 0 THEN 2 ELSE 0 END
    + 3.0 * (SELECT count(*) FROM ${words} WHERE strpos(s.name_words, ' ' || typed.word || ' ') > 0) / ${wordCount}
    + 1.0 * (SELECT count(*) FROM ${words} WHERE strpos(s.text_words, ' ' || typed.word || ' ') > 0) / ${wordCount}
    + CASE WHEN qn.qw <> '' AND strpos(s.text_words, ' ' || qn.qw || ' ') > 0 THEN 1 ELSE 0 END
    + CASE WHEN qn.q = ANY(s.keywords_norm) THEN 1.5 ELSE 0 END
    + CASE WHEN qn.qw = '' THEN 0 WHEN strpos(s.name_words, ' ' || qn.qw || ' ') = 1 THEN 3
        WHEN split_part(qn.qw, ' ', 1) = split_part(trim(s.name_words), ' ', 1) THEN 1 ELSE 0 END
    + CASE WHEN starts_with(s.name_norm, ${NAME_LISTING_ISSUE}) THEN 0 ELSE
      (SELECT CASE WHEN count(*) = 0 THEN 0 WHEN bool_or(strpos(' ' || qn.qw || ' ', ' ' || modifier.m || ' ') > 0) THEN 1 ELSE -6 END
       FROM unnest(${modifiers}) AS modifier(m) WHERE strpos(s.name_words, ' ' || modifier.m || ' ') > 0) END)`;
}

/** At most 4: what the trigram part can add to a row's word score. */
const TRIGRAM_SCORE_MAX = 4;
const trigramScore = sql`(word_similarity(qn.q, s.name_norm) * 2 + word_similarity(qn.q, s.search_text) + similarity(qn.q, s.name_norm))`;
/** Rows whose trigram part is computed at most, beyond the page (only when many tie; ADR 0001, "Matching on words alone"). */
const RANKED_CANDIDATES = 100;

/**
 * One page of matches plus facet counts, in one statement.
 *
 * Matching goes through the vocabulary (ADR 0001): each typed word maps to its close words
 * (equal; trigram similarity ≥ 0.5; or, from three letters, words it begins), and a procedure
 * matches when its words hold a close word of at least 60 % of the typed words — on the words
 * alone, with no test of the whole text (ADR 0001, "Matching on words alone"). Since a match
 * must hold a word of one of the (groups − needed + 1) rarest groups, the GIN index on `words`
 * fetches only the procedures holding those, and the count is checked on them.
 * Each facet counts with every filter but its own, so a person sees how many results choosing
 * another field or level would give.
 */
export async function searchProcedures({ db, filters }: { db: DbExecutor; filters: SearchFilters }): Promise<SearchResultRows> {
  const q = filters.q?.trim() ?? '';
  const fieldCond = filters.field ? sql`m.field_code = ${filters.field}` : sql`TRUE`;
  const levelCond = filters.level ? sql`m.online_level = ${filters.level}` : sql`TRUE`;
  const offset = (filters.page - 1) * filters.pageSize;
  const pageEnd = offset + filters.pageSize;
  const textMatch = q
    ? sql`s.words && (SELECT ws FROM seed) AND (SELECT count(*) FROM groups g WHERE g.ws && s.words) >= (SELECT n FROM need)`
    : sql`TRUE`;
  const ranked = q
    ? sql`ranked AS (
      SELECT s.*, s.pre + ${trigramScore} AS score
      FROM (SELECT * FROM filtered f
        WHERE f.pre >= coalesce((SELECT f2.pre FROM filtered f2 ORDER BY f2.pre DESC OFFSET ${pageEnd - 1} LIMIT 1), '-infinity'::float8) - ${TRIGRAM_SCORE_MAX}
        ORDER BY f.pre DESC LIMIT ${Math.max(RANKED_CANDIDATES, pageEnd)}) s CROSS JOIN qn)`
    : sql`ranked AS (SELECT f.*, 0::float8 AS score FROM filtered f)`;
  const [row] = await queryRows<SearchRow>(db, sql`
    WITH qn0 AS (SELECT opendvc_search_normalize(${q}) AS q),
    qn AS (SELECT q, trim(regexp_replace(q, '[^a-z0-9]+', ' ', 'g')) AS qw FROM qn0),
    typed AS (SELECT t.i, t.word FROM qn, unnest(string_to_array(qn.qw, ' ')) WITH ORDINALITY AS t(word, i) WHERE t.word <> ''),
    groups AS (
      SELECT t.i, array_agg(v.word) AS ws, sum(v.procedures) AS df
      FROM typed t JOIN search_vocabulary v ON v.word = t.word
        OR (length(t.word) >= 3 AND v.word % t.word AND similarity(v.word, t.word) >= 0.5)
        OR (length(t.word) >= 3 AND v.word LIKE t.word || '%')
      GROUP BY t.i),
    need AS (SELECT greatest(1, ceil(0.6 * count(*)))::int AS n FROM typed),
    seed AS (SELECT array_agg(w) AS ws FROM (
      SELECT g.ws FROM groups g ORDER BY g.df, g.i LIMIT greatest(0, (SELECT count(*) FROM groups) - (SELECT n FROM need) + 1)) r, unnest(r.ws) w),
    matched AS MATERIALIZED (
      SELECT s.*, ${q ? wordScore() : sql`0`}::float8 AS pre
      FROM procedure_search s CROSS JOIN qn
      WHERE ${textMatch}
        AND ${filters.agency ? sql`${filters.agency} = ANY(s.agency_codes)` : sql`TRUE`}
        AND ${filters.applicantType ? sql`${filters.applicantType} = ANY(s.applicant_types)` : sql`TRUE`}
    ),
    filtered AS (SELECT m.* FROM matched m WHERE ${fieldCond} AND ${levelCond}),
    ${ranked}
    SELECT
      (SELECT count(*) FROM filtered) AS total,
      (SELECT json_agg(p) FROM (
        SELECT m.code, m.name, m.field_code, f.name AS field_name, f.name_en AS field_name_en, m.online_level, m.legacy_level,
          m.applicant_types, m.implementing_code, m.implementing_name, m.implementing_name_en
        FROM ranked m JOIN fields f ON f.code = m.field_code
        ORDER BY m.score DESC, f.sort_order, m.name, m.code
        LIMIT ${filters.pageSize} OFFSET ${offset}) p) AS items,
      (SELECT json_agg(x) FROM (
        SELECT f.code, f.name, f.name_en, count(m.procedure_id)::int AS count
        FROM fields f LEFT JOIN matched m ON m.field_code = f.code AND ${levelCond}
        GROUP BY f.code, f.name, f.name_en, f.sort_order ORDER BY f.sort_order, f.name) x) AS field_facets,
      (SELECT json_agg(y) FROM (
        SELECT m.online_level AS level, count(*)::int AS count FROM matched m WHERE ${fieldCond} GROUP BY m.online_level ORDER BY 1) y) AS level_facets`);
  return {
    items: row?.items ?? [],
    total: Number(row?.total ?? 0),
    fieldFacets: row?.field_facets ?? [],
    levelFacets: row?.level_facets ?? [],
  };
}
