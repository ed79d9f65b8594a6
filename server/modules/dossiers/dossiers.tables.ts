/**
 * Dossier tables (domain brief §2): the e-form of each procedure case, dossiers with their
 * answers and internal status, attached files, the immutable event log of every transition,
 * the per-unit daily counters behind dossier codes, and supplement requests (template 02).
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../../platform/db/columns.js';
import { agenciesTable, caseComponentsTable, procedureCasesTable, proceduresTable, procedureVersionsTable } from '../catalog/catalog.tables.js';
import { organisationsTable, usersTable } from '../identity/identity.tables.js';

/** Statuses as stored; the values are a contract (reports and the national sync read them). */
export const dossierStatuses = [
  'DRAFT',                 // an applicant is filling it in online
  'INTAKE',                // an officer is entering a counter or postal dossier
  'SUBMITTED',             // filed online, awaiting reception by the one-stop desk
  'SUPPLEMENT_REQUESTED',  // the desk asked for more (template 02)
  'RESUBMITTED',           // the applicant answered a supplement request; awaiting reception again
  'RECEIVED',              // accepted, code and appointment issued (template 01)
  'IN_PROGRESS',           // handed to the processing unit
  'AWAITING_PAYMENT',      // financial obligation to fulfil
  'STOPPED',               // processing stopped
  'REFUSED',               // refused at reception (template 03)
  'WITHDRAWN',             // withdrawn by the applicant
  'RESULT_READY',          // resolved, result awaiting return
  'RESULT_RETURNED',       // result handed over
] as const;
export type DossierStatus = (typeof dossierStatuses)[number];
export const dossierChannels = ['ONLINE', 'IN_PERSON', 'POSTAL'] as const;
export type DossierChannel = (typeof dossierChannels)[number];
/** The system the dossier was filed through: OpenDVC itself (portal or counter) or the National Single Window. */
export const dossierOrigins = ['OPENDVC', 'NSW'] as const;
export type DossierOrigin = (typeof dossierOrigins)[number];
export const scanStatuses = ['PENDING', 'CLEAN', 'INFECTED'] as const;
export type ScanStatus = (typeof scanStatuses)[number];
export const workflowStatuses = ['ACTIVE', 'AWAITING_APPLICANT', 'AWAITING_AGENCY', 'FINISHED', 'STOPPED'] as const;
export const returnMethods = ['COUNTER', 'DOWNLOAD', 'POSTAL'] as const;
export type ReturnMethod = (typeof returnMethods)[number];
/** How the applicant chose to receive the result at filing: downloaded, at the counter, or by post. */
export const deliveryMethods = ['ONLINE', 'COUNTER', 'POSTAL'] as const;
export type DeliveryMethod = (typeof deliveryMethods)[number];
/** Where a result sent by post goes (the e-form's address is one free-text line too). */
export interface DeliveryAddress {
  recipientName: string;
  phone: string;
  address: string;
}
export const documentKinds = ['RESULT', 'APOLOGY'] as const;
export type DocumentKind = (typeof documentKinds)[number];
/** DRAFT (specialist) → SIGNED (leader, PAdES) → ISSUED (records clerk: number and date). */
export const documentStatuses = ['DRAFT', 'SIGNED', 'ISSUED'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/** Who the dossier is about, copied when it is created (counter dossiers may have no account). */
export interface ApplicantDetails {
  fullName: string;
  personalIdNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  /** The tax code when the dossier is filed for an organisation (then `fullName` is its name). */
  organisationTaxCode?: string | null;
  /** The person who files it when that is not the applicant (an organisation's member or a representative): "do … nộp thay". */
  filedByName?: string | null;
  /**
   * Filed for an organisation not registered on the portal, the one the e-form names by its tax
   * code (looked up in the business registry): `fullName`, `organisationTaxCode` and `address`
   * follow the form's organisation fields (`x-prefill` organisation.*) on each save.
   */
  organisationInForm?: boolean;
}

/** The e-form (JSON Schema + UI schema) of a procedure case, seeded from seed/forms/*.json. */
export const caseFormsTable = pgTable('case_forms', {
  caseId: text('case_id').primaryKey().references(() => procedureCasesTable.id, { onDelete: 'cascade' }),
  schema: jsonb('schema').$type<Record<string, unknown>>().notNull(),
  uiSchema: jsonb('ui_schema').$type<Record<string, unknown>>().notNull().default({}),
  /** SHA-256 of schema + UI schema, so that re-seeding the same form changes nothing. */
  contentHash: text('content_hash').notNull(),
  ...timestampColumns(),
});

export const dossiersTable = pgTable('dossiers', {
  id: text('id').primaryKey(),
  /** `{agencyCode}-{yyMMdd}-{NNNN}`, assigned at submission. */
  code: text('code').unique(),
  procedureId: text('procedure_id').notNull().references(() => proceduresTable.id),
  versionId: text('version_id').notNull().references(() => procedureVersionsTable.id),
  caseId: text('case_id').notNull().references(() => procedureCasesTable.id),
  /** The account that files the dossier (null for a counter dossier of a person without an account). */
  applicantUserId: text('applicant_user_id').references(() => usersTable.id),
  /** A person the filer represents under an authorisation. */
  principalUserId: text('principal_user_id').references(() => usersTable.id),
  /** The business or organisation the dossier is filed for. */
  organisationId: text('organisation_id').references(() => organisationsTable.id),
  representativeAuthorisationId: text('representative_authorisation_id'),
  applicant: jsonb('applicant').$type<ApplicantDetails>().notNull(),
  channel: text('channel', { enum: dossierChannels }).notNull(),
  origin: text('origin', { enum: dossierOrigins }).notNull().default('OPENDVC'),
  /** The filing's reference in the origin system (the NSW document number); unique per origin. */
  externalRef: text('external_ref'),
  status: text('status', { enum: dossierStatuses }).notNull(),
  answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
  receivingUnitId: text('receiving_unit_id').notNull().references(() => agenciesTable.id),
  /** The officer who entered a counter dossier. */
  intakeOfficialId: text('intake_official_id').references(() => usersTable.id),
  supplementRound: integer('supplement_round').notNull().default(0),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  receivedAt: timestamp('received_at', { withTimezone: true }),
  appointmentAt: timestamp('appointment_at', { withTimezone: true }),
  dueAt: timestamp('due_at', { withTimezone: true }),
  /** Back office (common/workflows): the unit that processes it (set at reception). */
  processingUnitId: text('processing_unit_id').references(() => agenciesTable.id),
  workflowCode: text('workflow_code'),
  /** The version of the workflow the dossier started with (workflow_versions); null: version 1. */
  workflowVersionNo: integer('workflow_version_no'),
  /** The current step of the workflow and its state. */
  stepId: text('step_id'),
  workflowStatus: text('workflow_status', { enum: workflowStatuses }),
  /** AWAITING_AGENCY: the agency asked for its opinion. */
  coordinatingAgency: text('coordinating_agency'),
  /** Who must act now: the unit and role of the current step (null once the workflow has ended). */
  currentUnitId: text('current_unit_id'),
  currentRole: text('current_role'),
  /** The official the current step is assigned to; null = any holder of the role in the unit may claim it. */
  assigneeUserId: text('assignee_user_id').references(() => usersTable.id),
  stepStartedAt: timestamp('step_started_at', { withTimezone: true }),
  stepDueAt: timestamp('step_due_at', { withTimezone: true }),
  /** Set while the clock is stopped (awaiting the applicant or another agency). */
  clockStoppedAt: timestamp('clock_stopped_at', { withTimezone: true }),
  /** When the deadline sweep warned about the current step / the whole dossier. */
  stepWarnedAt: timestamp('step_warned_at', { withTimezone: true }),
  dueWarnedAt: timestamp('due_warned_at', { withTimezone: true }),
  /** Processing done (result issued, or stopped): the instant the on-time rule reads. */
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  returnedAt: timestamp('returned_at', { withTimezone: true }),
  returnMethod: text('return_method', { enum: returnMethods }),
  /** COUNTER: who collected the result. */
  collectedBy: jsonb('collected_by').$type<{ fullName: string; personalIdNumber?: string | null; note?: string | null }>(),
  /** The applicant's choice of how to receive the result (null: not chosen; counter). */
  deliveryMethod: text('delivery_method', { enum: deliveryMethods }),
  deliveryAddress: jsonb('delivery_address').$type<DeliveryAddress>(),
  /** Postal fee (VND) fixed at submission, for the payments module to charge. */
  deliveryFee: integer('delivery_fee'),
  /** POSTAL: the carrier's tracking number once the result is posted, and the delivery confirmation. */
  postalCarrier: text('postal_carrier'),
  postalTrackingNumber: text('postal_tracking_number'),
  postalShippedAt: timestamp('postal_shipped_at', { withTimezone: true }),
  postalDeliveredAt: timestamp('postal_delivered_at', { withTimezone: true }),
  draftExpiresAt: timestamp('draft_expires_at', { withTimezone: true }),
  draftWarningSentAt: timestamp('draft_warning_sent_at', { withTimezone: true }),
  /**
   * Set when the retention purge removed the dossier's personal data (answers, applicant details,
   * delivery address, attachments; ADR 0022). The code, procedure, units, dates and statuses stay.
   */
  personalDataPurgedAt: timestamp('personal_data_purged_at', { withTimezone: true }),
  /** Idempotency-Key of the submission, unique per filer. */
  idempotencyKey: text('idempotency_key'),
  /** Optimistic concurrency: every update increments it; PATCH carries it in If-Match. */
  version: integer('version').notNull().default(1),
  ...timestampColumns(),
}, (t) => [
  index('dossiers_applicant_idx').on(t.applicantUserId, t.createdAt),
  index('dossiers_principal_idx').on(t.principalUserId),
  index('dossiers_organisation_idx').on(t.organisationId),
  index('dossiers_unit_status_idx').on(t.receivingUnitId, t.status, t.submittedAt),
  // Inbox pages and totals are index-only: order (due_at, id) and the usual filters are in the key.
  index('dossiers_inbox_idx').on(t.currentUnitId, t.currentRole, t.dueAt, t.id, t.status, t.procedureId, t.assigneeUserId).where(sql`${t.currentRole} IS NOT NULL`),
  index('dossiers_assignee_idx').on(t.assigneeUserId, t.dueAt, t.id, t.status, t.procedureId, t.currentRole).where(sql`${t.assigneeUserId} IS NOT NULL`),
  index('dossiers_step_due_idx').on(t.stepDueAt).where(sql`${t.workflowStatus} = 'ACTIVE'`),
  index('dossiers_draft_expiry_idx').on(t.draftExpiresAt).where(sql`${t.status} = 'DRAFT'`),
  uniqueIndex('dossiers_idempotency_uq').on(t.applicantUserId, t.idempotencyKey),
  uniqueIndex('dossiers_external_ref_uq').on(t.origin, t.externalRef),
]);

export const dossierAttachmentsTable = pgTable('dossier_attachments', {
  id: text('id').primaryKey(),
  dossierId: text('dossier_id').notNull().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  componentId: text('component_id').notNull().references(() => caseComponentsTable.id),
  storageKey: text('storage_key').notNull().unique(),
  originalName: text('original_name').notNull(),
  /** Judged from the content, never from the name or the client's header. */
  mediaType: text('media_type').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  scanStatus: text('scan_status', { enum: scanStatuses }).notNull().default('PENDING'),
  /** 0 for the first filing; n for the answer to supplement request n. */
  supplementRound: integer('supplement_round').notNull().default(0),
  uploadedByUserId: text('uploaded_by_user_id').references(() => usersTable.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('dossier_attachments_dossier_idx').on(t.dossierId, t.componentId)]);

/** One row per transition (and per notable action); never updated or deleted. */
/**
 * The dossier event stream (dossiers.events.ts, docs/events.md): one row per change, written in
 * the change's transaction, never updated.
 */
export const dossierEventsTable = pgTable('dossier_events', {
  id: text('id').primaryKey(),
  /** Monotonic over the whole stream (consumers keep the last position they processed). */
  position: bigserial('position', { mode: 'number' }).notNull(),
  /** hash(dossier id) mod 16: one dossier's events are in one partition (dossiers.events.ts partitionOf). */
  partition: smallint('partition').notNull(),
  dossierId: text('dossier_id').notNull().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  /** Contract type: `dossier.submitted`, `dossier.received`, … (dossierEventTypes). */
  type: text('type').notNull(),
  /** What the use case did, finer than the type (workflow moves: `dossier.forward`, …). */
  action: text('action').notNull(),
  /** APPLICANT: shown to the applicant; OFFICIALS: officials only. */
  audience: text('audience').notNull().default('APPLICANT'),
  actorUserId: text('actor_user_id'),
  /** APPLICANT, SYSTEM, or the official role used. */
  actorRole: text('actor_role'),
  actorUnitId: text('actor_unit_id'),
  /** The unit holding the dossier at the event. */
  unitId: text('unit_id'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  nationalStatusBefore: smallint('national_status_before'),
  nationalStatusAfter: smallint('national_status_after'),
  /** Addressed to the event's audience (supplement, refusal, stop reasons, withdrawal, …). */
  reason: text('reason'),
  /** An official's workflow comment: read by officials only, whatever the audience. */
  internalNote: text('internal_note'),
  payloadVersion: integer('payload_version').notNull().default(1),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [
  index('dossier_events_dossier_idx').on(t.dossierId, t.at),
  uniqueIndex('dossier_events_position_idx').on(t.position),
  index('dossier_events_partition_idx').on(t.partition, t.position),
]);

/** Last number issued per receiving unit and day; incremented with one upsert in the submission transaction. */
export const dossierCodeCountersTable = pgTable('dossier_code_counters', {
  unitCode: text('unit_code').notNull(),
  /** yyMMdd in Asia/Ho_Chi_Minh. */
  day: text('day').notNull(),
  lastNumber: integer('last_number').notNull(),
}, (t) => [primaryKey({ columns: [t.unitCode, t.day] })]);

export const supplementRequestsTable = pgTable('supplement_requests', {
  id: text('id').primaryKey(),
  dossierId: text('dossier_id').notNull().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  round: integer('round').notNull(),
  /** Component ids whose files must be (re)supplied. */
  components: text('components').array().notNull().default(sql`'{}'::text[]`),
  /** Answer paths (dot-separated) that may be corrected. */
  fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
  reason: text('reason').notNull(),
  requestedByUserId: text('requested_by_user_id').notNull().references(() => usersTable.id),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  dueAt: timestamp('due_at', { withTimezone: true }),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
}, (t) => [uniqueIndex('supplement_requests_round_uq').on(t.dossierId, t.round)]);

/** Documents the back office produces for a dossier: the result (signed, then issued) and apology letters (template 04). */
export const dossierDocumentsTable = pgTable('dossier_documents', {
  /** Public: the verification page is /xac-minh/{id}. */
  id: text('id').primaryKey(),
  dossierId: text('dossier_id').notNull().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: documentKinds }).notNull(),
  status: text('status', { enum: documentStatuses }).notNull(),
  title: text('title').notNull(),
  /** What the template renders: RESULT { summary, body }, APOLOGY { reason, newAppointmentAt }. */
  content: jsonb('content').$type<Record<string, unknown>>().notNull().default({}),
  draftedByUserId: text('drafted_by_user_id').references(() => usersTable.id),
  /** The signed PDF (leader), then the issued one (number and date, agency seal). */
  signedStorageKey: text('signed_storage_key'),
  signedSha256: text('signed_sha256'),
  signedByUserId: text('signed_by_user_id').references(() => usersTable.id),
  signedAt: timestamp('signed_at', { withTimezone: true }),
  /** Subject and serial of the signing certificate, as read from it. */
  signer: jsonb('signer').$type<{ commonName: string; subject: string; serialNumber: string; issuer: string }>(),
  issuedStorageKey: text('issued_storage_key'),
  issuedSha256: text('issued_sha256'),
  /** e.g. 12/KQ-G99 */
  number: text('number'),
  issuedAt: timestamp('issued_at', { withTimezone: true }),
  issuedByUserId: text('issued_by_user_id').references(() => usersTable.id),
  ...timestampColumns(),
}, (t) => [index('dossier_documents_dossier_idx').on(t.dossierId, t.kind)]);

/** Last document number issued per unit and year (sổ văn bản). */
export const documentNumberCountersTable = pgTable('document_number_counters', {
  unitId: text('unit_id').notNull(),
  year: integer('year').notNull(),
  lastNumber: integer('last_number').notNull(),
}, (t) => [primaryKey({ columns: [t.unitId, t.year] })]);

/** The applicant's rating once the result is returned; one per dossier. */
export const dossierRatingsTable = pgTable('dossier_ratings', {
  dossierId: text('dossier_id').primaryKey().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull().references(() => usersTable.id),
  /** 1 (very dissatisfied) … 5 (very satisfied). */
  score: integer('score').notNull(),
  comment: text('comment'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type DossierRow = typeof dossiersTable.$inferSelect;
export type DossierAttachmentRow = typeof dossierAttachmentsTable.$inferSelect;
export type DossierEventRow = typeof dossierEventsTable.$inferSelect;
export type DossierDocumentRow = typeof dossierDocumentsTable.$inferSelect;
export type SupplementRequestRow = typeof supplementRequestsTable.$inferSelect;
