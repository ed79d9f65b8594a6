/**
 * Catalogue tables (domain brief §3). A procedure has effective-dated versions; a version has
 * cases (trường hợp); a case has channels (time limits as phases, fee items), steps and
 * dossier components; a component has template files. Online and legacy service levels are
 * derived from a case's capabilities and never stored as a source of truth.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Capabilities, CatalogCase, CatalogVersion } from './catalog.import-schema.js';
import { timestampColumns } from '../../platform/db/columns.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const agenciesTable = pgTable('agencies', {
  id: text('id').primaryKey(),
  /** Electronic agency identification code (Decision 20/2020/QĐ-TTg), e.g. 000.00.00.G99. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  parentId: text('parent_id').references((): never => agenciesTable.id as never),
  address: text('address'),
  external: boolean('external').notNull().default(false),
  ...timestampColumns(),
});

export const fieldsTable = pgTable('fields', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  sortOrder: integer('sort_order').notNull().default(0),
  ...timestampColumns(),
});

export const proceduresTable = pgTable('procedures', {
  id: text('id').primaryKey(),
  /** National procedure code (MaTTHC), e.g. 2.001816. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  description: text('description'),
  fieldCode: text('field_code').notNull().references(() => fieldsTable.code),
  implementationLevels: text('implementation_levels').array().notNull(),
  applicantTypes: text('applicant_types').array().notNull(),
  keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
  /** How much of this record comes from sources, and what is illustrative. */
  provenance: jsonb('provenance').$type<{ confidence: string; note?: string; sources: string[] }>().notNull(),
  ...timestampColumns(),
}, (t) => [index('procedures_field_idx').on(t.fieldCode)]);

export const procedureAgenciesTable = pgTable('procedure_agencies', {
  procedureId: text('procedure_id').notNull().references(() => proceduresTable.id, { onDelete: 'cascade' }),
  agencyId: text('agency_id').notNull().references(() => agenciesTable.id),
  role: text('role').notNull(),
}, (t) => [primaryKey({ columns: [t.procedureId, t.agencyId, t.role] }), index('procedure_agencies_agency_idx').on(t.agencyId)]);

export const procedureVersionsTable = pgTable('procedure_versions', {
  id: text('id').primaryKey(),
  procedureId: text('procedure_id').notNull().references(() => proceduresTable.id, { onDelete: 'cascade' }),
  versionNo: integer('version_no').notNull(),
  status: text('status').notNull().default('PUBLISHED'),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  publishingDecision: jsonb('publishing_decision').$type<CatalogVersion['publishingDecision']>(),
  legalBasis: jsonb('legal_basis').$type<CatalogVersion['legalBasis']>().notNull(),
  requirements: jsonb('requirements').$type<string[]>().notNull(),
  submissionPlaces: jsonb('submission_places').$type<string[]>().notNull(),
  results: jsonb('results').$type<CatalogVersion['results']>().notNull(),
  /** SHA-256 of the imported version, so that re-importing the same data changes nothing. */
  contentHash: text('content_hash').notNull(),
  ...timestampColumns(),
}, (t) => [uniqueIndex('procedure_versions_no_uq').on(t.procedureId, t.versionNo)]);

export const procedureCasesTable = pgTable('procedure_cases', {
  id: text('id').primaryKey(),
  versionId: text('version_id').notNull().references(() => procedureVersionsTable.id, { onDelete: 'cascade' }),
  code: text('code').notNull(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull(),
  steps: jsonb('steps').$type<string[]>().notNull(),
  channels: jsonb('channels').$type<CatalogCase['channels']>().notNull(),
  capabilities: jsonb('capabilities').$type<Capabilities>().notNull(),
}, (t) => [uniqueIndex('procedure_cases_code_uq').on(t.versionId, t.code)]);

export const caseComponentsTable = pgTable('case_components', {
  /** Stable id from the catalogue file; dossiers refer to it. */
  id: text('id').primaryKey(),
  caseId: text('case_id').notNull().references(() => procedureCasesTable.id, { onDelete: 'cascade' }),
  code: text('code'),
  name: text('name').notNull(),
  description: text('description'),
  mandatory: boolean('mandatory').notNull(),
  /** The e-form is this component (e.g. the application form): the applicant fills the form and uploads nothing for it. */
  filledByForm: boolean('filled_by_form').notNull().default(false),
  originals: integer('originals').notNull(),
  copies: integer('copies').notNull(),
  sortOrder: integer('sort_order').notNull(),
  /** Largest file in MB; null = ATTACHMENT_MAX_BYTES. */
  maxSizeMb: doublePrecision('max_size_mb'),
  /** Media types accepted (from COMPONENT_MEDIA_TYPES); null = PDF, JPEG, PNG. */
  acceptedTypes: text('accepted_types').array(),
  /** Most files one dossier may hold for this component (per submission or supplement round); null = COMPONENT_DEFAULT_MAX_FILES. */
  maxFiles: integer('max_files'),
}, (t) => [index('case_components_case_idx').on(t.caseId)]);

/** Template files are small and versioned with the catalogue, so they live in the database. */
export const templateFilesTable = pgTable('template_files', {
  id: text('id').primaryKey(),
  componentId: text('component_id').notNull().references(() => caseComponentsTable.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  sortOrder: integer('sort_order').notNull(),
}, (t) => [index('template_files_component_idx').on(t.componentId)]);

/**
 * Search projection: one row per procedure for its current version, rebuilt whenever the
 * catalogue changes. Derived values (levels) are computed by the one pure function in
 * common/service-levels.ts and copied here only so that search can filter and count on them.
 */
export const procedureSearchTable = pgTable('procedure_search', {
  procedureId: text('procedure_id').primaryKey().references(() => proceduresTable.id, { onDelete: 'cascade' }),
  versionId: text('version_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  fieldCode: text('field_code').notNull(),
  /** Name without diacritics, lower case (opendvc_search_normalize). */
  nameNorm: text('name_norm').notNull(),
  /** Name, code, keywords, field and results, normalised the same way. */
  searchText: text('search_text').notNull(),
  onlineLevel: text('online_level').notNull(),
  legacyLevel: integer('legacy_level').notNull(),
  agencyCodes: text('agency_codes').array().notNull(),
  applicantTypes: text('applicant_types').array().notNull(),
  implementingCode: text('implementing_code'),
  implementingName: text('implementing_name'),
  implementingNameEn: text('implementing_name_en'),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
  /** Distinct words of `search_text` (split on anything but a–z and 0–9): what a typed word is matched against. */
  words: text('words').array().notNull().default(sql`'{}'::text[]`),
  /** The name's words as ` w1 w2 … ` (for whole-word tests by position), precomputed for ranking. */
  nameWords: text('name_words').notNull().default(''),
  /** `search_text`'s words as ` w1 w2 … `, precomputed for ranking. */
  textWords: text('text_words').notNull().default(''),
  /** The procedure's keywords, each normalised. */
  keywordsNorm: text('keywords_norm').array().notNull().default(sql`'{}'::text[]`),
}, (t) => [
  index('procedure_search_text_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
  index('procedure_search_name_trgm').using('gin', sql`${t.nameNorm} gin_trgm_ops`),
  index('procedure_search_field_idx').on(t.fieldCode),
  index('procedure_search_words_gin').using('gin', t.words),
]);

/**
 * The vocabulary of the search projection: every distinct word of `procedure_search.words` and
 * how many procedures hold it. A typed word is mapped to its close vocabulary words (equal,
 * trigram-similar, or extended) through the trigram index; the counts let a search start from
 * the rarest words typed. Derived: rebuilt with the projection.
 */
export const searchVocabularyTable = pgTable('search_vocabulary', {
  word: text('word').primaryKey(),
  procedures: integer('procedures').notNull().default(0),
}, (t) => [index('search_vocabulary_word_trgm').using('gin', sql`${t.word} gin_trgm_ops`)]);
