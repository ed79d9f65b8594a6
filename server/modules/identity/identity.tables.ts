/**
 * Identity tables: users (applicants and officials), applicant profiles, organisations and
 * their members, representative authorisations, role grants scoped to a unit (units are the
 * catalogue's `agencies`), server-side sessions, TOTP credentials and one-time tokens.
 * Secrets are never stored in clear: sessions and tokens are SHA-256 hashes of random values
 * handed to the client, passwords are argon2id hashes, TOTP secrets and token-signing private
 * keys are sealed under `SECRETS_KEY` (docs/adr/0020-secrets-at-rest.md).
 */
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { UnitAddress } from '../../../common/administrative-units/index.js';
import { timestampColumns } from '../../platform/db/columns.js';
import { agenciesTable } from '../catalog/catalog.tables.js';

export const userKinds = ['APPLICANT', 'OFFICIAL'] as const;
export type UserKind = (typeof userKinds)[number];
/** ACCOUNTANT (kế toán): the unit's fee collections — reconciliation and refunds; takes no workflow step. */
export const officialRoles = ['ONE_STOP_OFFICER', 'SPECIALIST', 'UNIT_HEAD', 'LEADER', 'RECORDS_CLERK', 'ADMINISTRATOR', 'ACCOUNTANT', 'CATALOGUE_EDITOR', 'PROCESS_DESIGNER'] as const;
export type OfficialRole = (typeof officialRoles)[number];

export const usersTable = pgTable('users', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: userKinds }).notNull(),
  /** Always stored lower-cased. */
  email: text('email').unique(),
  /**
   * Vietnamese mobile number in national form (0xxxxxxxxx), proven by a one-time code sent to it
   * (a number not yet proven waits in `phone_challenges`). Sign-in by phone finds accounts here.
   */
  phone: text('phone').unique(),
  fullName: text('full_name').notNull(),
  /** argon2id; null for accounts that only sign in through the national portal. */
  passwordHash: text('password_hash'),
  status: text('status', { enum: ['ACTIVE', 'DISABLED'] }).notNull().default('ACTIVE'),
  /**
   * Set when an administrator chose the password (a temporary one): it then works once, only to
   * set a new password, and not after this time. Null for a password the user chose.
   */
  temporaryPasswordExpiresAt: timestamp('temporary_password_expires_at', { withTimezone: true }),
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  /** Failed sign-ins in a row; a success, a password reset or an administrator's unlock clears it. */
  failedLoginCount: integer('failed_login_count').notNull().default(0),
  /** Sign-in throttle: until then only a right password with a right second factor gets in. */
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  ...timestampColumns(),
});

export const applicantProfilesTable = pgTable('applicant_profiles', {
  userId: text('user_id').primaryKey().references(() => usersTable.id, { onDelete: 'cascade' }),
  /**
   * 12-digit personal identification number (số định danh cá nhân / CCCD). A number typed by hand
   * is unverified and may be held by several profiles; only verified ones are unique.
   */
  personalIdNumber: text('personal_id_number'),
  /** Last time the national sign-on vouched for the ID number (a VNeID-verified account). */
  personalIdVerifiedAt: timestamp('personal_id_verified_at', { withTimezone: true }),
  dateOfBirth: date('date_of_birth', { mode: 'string' }),
  /**
   * The address as one line. Typed as free text before the list of administrative units was used
   * (kept readable); since then the line written from `addressUnits`.
   */
  address: text('address'),
  /** The address by administrative units in force (codes plus names, and the street line), as e-forms store it. */
  addressUnits: jsonb('address_units').$type<UnitAddress>(),
  ...timestampColumns(),
}, (t) => [
  uniqueIndex('applicant_profiles_verified_personal_id_idx').on(t.personalIdNumber).where(sql`${t.personalIdVerifiedAt} IS NOT NULL`),
  index('applicant_profiles_personal_id_idx').on(t.personalIdNumber),
]);

export const organisationVerificationStatuses = ['UNVERIFIED', 'PENDING', 'VERIFIED', 'REFUSED'] as const;
export type OrganisationVerificationStatus = (typeof organisationVerificationStatuses)[number];

/**
 * A business or organisation, or a claim to one: whoever registers a tax code owns a claim, and
 * nobody files in its name until its ownership is proven (by the national sign-in's
 * organisation claims, or by an administrator who checked a submitted proof). Several claims
 * may name one tax code; at most one of them is VERIFIED.
 */
export const organisationsTable = pgTable('organisations', {
  id: text('id').primaryKey(),
  /** Tax code (mã số thuế): 10 digits, or 10 + '-' + 3 for a branch. */
  taxCode: text('tax_code').notNull(),
  name: text('name').notNull(),
  /** The head office as one line: written from `addressUnits`, or free text typed before (kept readable). */
  address: text('address'),
  /** The head office by administrative units in force (codes plus names) and the street line. */
  addressUnits: jsonb('address_units').$type<UnitAddress>(),
  /** UNVERIFIED: registered, no proof yet; PENDING: a proof waits for an administrator; REFUSED: the proof was refused. */
  verificationStatus: text('verification_status', { enum: organisationVerificationStatuses }).notNull().default('UNVERIFIED'),
  /** NATIONAL_SIGN_IN, ADMIN_REVIEW or SEED, once verified. */
  verificationMethod: text('verification_method', { enum: ['NATIONAL_SIGN_IN', 'ADMIN_REVIEW', 'SEED'] }),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  verifiedByUserId: text('verified_by_user_id').references(() => usersTable.id, { onDelete: 'set null' }),
  /** The administrator's reason when the proof was refused. */
  refusalReason: text('refusal_reason'),
  /** The proof of ownership (business registration certificate) in file storage, scanned clean. */
  proofStorageKey: text('proof_storage_key'),
  proofFileName: text('proof_file_name'),
  proofMediaType: text('proof_media_type'),
  proofSizeBytes: integer('proof_size_bytes'),
  proofSubmittedAt: timestamp('proof_submitted_at', { withTimezone: true }),
  ...timestampColumns(),
}, (t) => [
  uniqueIndex('organisations_verified_tax_code_uq').on(t.taxCode).where(sql`${t.verificationStatus} = 'VERIFIED'`),
  index('organisations_tax_code_idx').on(t.taxCode),
  index('organisations_verification_idx').on(t.verificationStatus),
]);

export const organisationMembersTable = pgTable('organisation_members', {
  organisationId: text('organisation_id').notNull().references(() => organisationsTable.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull().references(() => usersTable.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['OWNER', 'MEMBER'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('organisation_members_user_idx').on(t.userId)]);

/** A representative (người được ủy quyền) acting for a citizen or an organisation. */
export const representativeAuthorisationsTable = pgTable('representative_authorisations', {
  id: text('id').primaryKey(),
  representativeUserId: text('representative_user_id').notNull().references(() => usersTable.id, { onDelete: 'cascade' }),
  principalUserId: text('principal_user_id').references(() => usersTable.id, { onDelete: 'cascade' }),
  principalOrganisationId: text('principal_organisation_id').references(() => organisationsTable.id, { onDelete: 'cascade' }),
  scope: text('scope').notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  /** Number and date of the letter of authorisation (giấy ủy quyền). */
  documentReference: text('document_reference'),
  ...timestampColumns(),
}, (t) => [index('representative_authorisations_rep_idx').on(t.representativeUserId)]);

export const roleGrantsTable = pgTable('role_grants', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => usersTable.id, { onDelete: 'cascade' }),
  role: text('role', { enum: officialRoles }).notNull(),
  unitAgencyId: text('unit_agency_id').notNull().references(() => agenciesTable.id),
  /** Field (lĩnh vực) codes the grant is limited to; empty means every field of the unit. */
  fieldCodes: text('field_codes').array().notNull().default(sql`'{}'::text[]`),
  grantedByUserId: text('granted_by_user_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('role_grants_user_role_unit_idx').on(t.userId, t.role, t.unitAgencyId)]);

export const sessionsTable = pgTable('sessions', {
  /** SHA-256 (hex) of the random token in the cookie; the token itself is never stored. */
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => usersTable.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  /** Absolute end, however active the session is. */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  idleTimeoutSeconds: integer('idle_timeout_seconds').notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  ip: text('ip'),
  userAgent: text('user_agent'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const totpCredentialsTable = pgTable('totp_credentials', {
  userId: text('user_id').primaryKey().references(() => usersTable.id, { onDelete: 'cascade' }),
  /** Base32 secret in use, sealed under `SECRETS_KEY` (`v1:…`); null until the first enrolment is confirmed. */
  secret: text('secret'),
  /** Secret offered by an enrolment that has not been confirmed with a code yet (sealed too). */
  pendingSecret: text('pending_secret'),
  enabledAt: timestamp('enabled_at', { withTimezone: true }),
  /** Time step of the last accepted code: a code is accepted once (no replay). */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  /** SHA-256 (hex) of the unused recovery codes. */
  recoveryCodeHashes: text('recovery_code_hashes').array().notNull().default(sql`'{}'::text[]`),
  ...timestampColumns(),
});

export const oneTimeTokensTable = pgTable('one_time_tokens', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => usersTable.id, { onDelete: 'cascade' }),
  purpose: text('purpose', { enum: ['EMAIL_VERIFICATION', 'PASSWORD_RESET'] }).notNull(),
  /** SHA-256 (hex) of the token sent by e-mail. */
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('one_time_tokens_user_idx').on(t.userId, t.purpose)]);

export const phoneChallengePurposes = ['REGISTRATION', 'PHONE_CHANGE'] as const;
export type PhoneChallengePurpose = (typeof phoneChallengePurposes)[number];

/**
 * Proof of a phone number by a 6-digit one-time code sent to it: a phone registration (the
 * account signs in by phone only once proven) or a change of phone in the profile (the new
 * number replaces the old one only once proven). The code is made by the job that sends it and
 * only its SHA-256 (salted with the challenge id) is kept. At most one open challenge per number
 * for registrations and per account for changes: a new one voids the others.
 */
export const phoneChallengesTable = pgTable('phone_challenges', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => usersTable.id, { onDelete: 'cascade' }),
  purpose: text('purpose', { enum: phoneChallengePurposes }).notNull(),
  /** National form (0xxxxxxxxx). */
  phone: text('phone').notNull(),
  /** Null until the job has made and sent the code (and for ever when the number is taken). */
  codeHash: text('code_hash'),
  /** Wrong codes entered so far. */
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  /** Client address of the request that caused the code, for the per-source throttle. */
  ip: text('ip'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('phone_challenges_phone_idx').on(t.phone, t.purpose), index('phone_challenges_user_idx').on(t.userId, t.purpose), index('phone_challenges_ip_idx').on(t.ip, t.createdAt)]);

/**
 * Sign-in throttle per client address, shared by every app node: failed sign-ins (any account,
 * known or not) within the last hour, and until when sign-ins from there wait.
 */
export const loginSourceThrottlesTable = pgTable('login_source_throttles', {
  source: text('source').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});

/**
 * Scopes of API clients. `dossiers:read`: a dossier's code, procedure, status, dates, history and
 * result metadata, and the event feed; `dossiers:read:personal` adds the applicant's personal data
 * to the dossier; `catalogue:read`: the catalogue as open-data files; `statistics:read`: statistics; `dvcqg:push`: the national portal pushes dossiers filed there; `nsw:submit`: the National Single Window files applications.
 */
export const apiScopes = ['procedures:read', 'dossiers:read', 'dossiers:read:personal', 'dossiers:write', 'statistics:read', 'catalogue:read', 'dvcqg:push', 'nsw:submit'] as const;
export type ApiScope = (typeof apiScopes)[number];

/** Other systems calling the API with OAuth 2.0 client credentials. */
export const apiClientsTable = pgTable('api_clients', {
  /** The public client id. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** SHA-256 (hex) of the random secret shown once at registration. */
  secretHash: text('secret_hash').notNull(),
  scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
  status: text('status', { enum: ['ACTIVE', 'DISABLED'] }).notNull().default('ACTIVE'),
  createdByUserId: text('created_by_user_id'),
  ...timestampColumns(),
});

/**
 * Keys that sign access tokens. The newest key without `retiredAt` signs; a retired key is
 * still published (and accepted) until the tokens it signed have expired.
 */
export const signingKeysTable = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  algorithm: text('algorithm').notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  /** The private JWK sealed under `SECRETS_KEY` (a JSON string `v1:…`); an object only before the sweep sealed it. */
  privateJwk: jsonb('private_jwk').$type<Record<string, unknown> | string>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/**
 * A national sign-in in progress: state, nonce and PKCE verifier kept server-side, keyed by the
 * SHA-256 of a random value in a short-lived cookie. Used once.
 */
export const oidcLoginStatesTable = pgTable('oidc_login_states', {
  id: text('id').primaryKey(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const invitationKinds = ['MEMBER', 'REPRESENTATIVE'] as const;
export const invitationStatuses = ['PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED'] as const;

/** Details of a representative invitation, copied into the authorisation on acceptance. */
export interface RepresentativeInvitationDetails {
  scope: string;
  validFrom: string;
  validTo: string | null;
  documentReference: string;
}

/**
 * An invitation to join an organisation or to act as a representative, sent to an e-mail address
 * whether or not it has an account. Nothing of the invitee is linked before they accept: only on
 * acceptance is the membership or authorisation created.
 */
export const invitationsTable = pgTable('identity_invitations', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: invitationKinds }).notNull(),
  /** The organisation joined (MEMBER), or the organisation a representative acts for. */
  organisationId: text('organisation_id').references(() => organisationsTable.id, { onDelete: 'cascade' }),
  /** The person a representative acts for in person (REPRESENTATIVE without organisation). */
  principalUserId: text('principal_user_id').references(() => usersTable.id, { onDelete: 'cascade' }),
  /** As the inviter typed it (shown to the inviter). */
  email: text('email').notNull(),
  /** Lower-cased, for matching the invitee's verified address. */
  emailNormalized: text('email_normalized').notNull(),
  role: text('role', { enum: ['MEMBER'] }),
  details: jsonb('details').$type<RepresentativeInvitationDetails>(),
  /** SHA-256 (hex) of the token in the invitation mail; set by the mail job. */
  tokenHash: text('token_hash').unique(),
  status: text('status', { enum: invitationStatuses }).notNull().default('PENDING'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdByUserId: text('created_by_user_id').notNull().references(() => usersTable.id, { onDelete: 'cascade' }),
  acceptedByUserId: text('accepted_by_user_id').references(() => usersTable.id, { onDelete: 'set null' }),
  respondedAt: timestamp('responded_at', { withTimezone: true }),
  ...timestampColumns(),
}, (t) => [index('identity_invitations_email_idx').on(t.emailNormalized, t.status), index('identity_invitations_org_idx').on(t.organisationId)]);
