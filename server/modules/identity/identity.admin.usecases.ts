/** Officials and their role grants: used by the CLI and the demo seed (and later the admin pages). */
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database } from '../../platform/db/create-database.js';
import { createUnitNotFoundError, createUserNotFoundError } from './identity.errors.js';
import { normalizeEmail } from './identity.models.js';
import { hashPassword, type PasswordPolicy } from './identity.passwords.js';
import { createIdentityRepository } from './identity.repository.js';
import type { OfficialRole } from './identity.tables.js';
import { totpUri } from './identity.totp.js';
import { enableTotpWithSecret } from './identity.totp.usecases.js';

export interface CreateOfficialInput {
  email: string;
  password: string;
  fullName?: string;
  unitCode: string;
  role: OfficialRole;
  /** Base32 TOTP secret to use (the demo seed); a new one otherwise. */
  totpSecret?: string;
}

/**
 * Creates an official with one role on a unit and TOTP already enabled, so the first sign-in
 * can pass the second factor. Returns the TOTP secret and recovery codes to hand over once.
 *
 * @throws identity.unit_not_found, identity.email_taken
 */
export async function createOfficial({ db, config, input, actorUserId = null }: { db: Database; config: PasswordPolicy; input: CreateOfficialInput; actorUserId?: string | null }) {
  const passwordHash = await hashPassword(input.password, config);
  const email = normalizeEmail(input.email);
  return db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const unit = await repo.getAgencyByCode(input.unitCode);
    if (!unit) throw createUnitNotFoundError({ details: { unitCode: input.unitCode } });
    const user = await repo.createUser({ kind: 'OFFICIAL', email, fullName: input.fullName ?? email, passwordHash, emailVerifiedAt: new Date() });
    await recordAuditEvent({ db: tx, event: { actorUserId, action: 'OFFICIAL_CREATED', subject: `user:${user.id}`, outcome: 'SUCCESS', details: { email, unitCode: unit.code } } });
    await grantRoleTo({ db: tx, userId: user.id, role: input.role, unitId: unit.id, unitCode: unit.code, actorUserId });
    const { secret, recoveryCodes } = await enableTotpWithSecret({ db: tx, userId: user.id, secret: input.totpSecret });
    return { user, totpSecret: secret, otpauthUri: totpUri({ secret, account: email }), recoveryCodes };
  });
}

/**
 * Grants a role on a unit to an official, optionally limited to fields. Idempotent.
 *
 * @throws identity.user_not_found (no official with that e-mail), identity.unit_not_found
 */
export async function grantRole({ db, email, role, unitCode, fieldCodes = [], actorUserId = null }: {
  db: Database; email: string; role: OfficialRole; unitCode: string; fieldCodes?: string[]; actorUserId?: string | null;
}) {
  return db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const user = await repo.getUserByEmail(normalizeEmail(email));
    if (!user || user.kind !== 'OFFICIAL') throw createUserNotFoundError({ details: { email } });
    const unit = await repo.getAgencyByCode(unitCode);
    if (!unit) throw createUnitNotFoundError({ details: { unitCode } });
    const created = await grantRoleTo({ db: tx, userId: user.id, role, unitId: unit.id, unitCode: unit.code, fieldCodes, actorUserId });
    return { user, created };
  });
}

async function grantRoleTo({ db, userId, role, unitId, unitCode, fieldCodes = [], actorUserId }: {
  db: Parameters<typeof createIdentityRepository>[0]['db']; userId: string; role: OfficialRole; unitId: string; unitCode: string; fieldCodes?: string[]; actorUserId: string | null;
}) {
  const grant = await createIdentityRepository({ db }).createGrant({ userId, role, unitAgencyId: unitId, fieldCodes, grantedByUserId: actorUserId });
  if (grant) {
    await recordAuditEvent({ db, event: { actorUserId, action: 'ROLE_GRANTED', subject: `user:${userId}`, outcome: 'SUCCESS', details: { role, unitCode, fieldCodes } } });
  }
  return Boolean(grant);
}
