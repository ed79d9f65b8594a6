/** The signed-in user's own account: what /me shows and what the user may change. */
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import type { ClientInfo } from './identity.deps.js';
import { createUnauthenticatedError, createPersonalIdLockedError } from './identity.errors.js';
import { normalizePhone } from './identity.models.js';
import { listMyOrganisations } from './identity.organisations.usecases.js';
import { createIdentityRepository } from './identity.repository.js';
import { getTotpCredential } from './identity.totp.usecases.js';

const todayInVietnam = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/**
 * The account, profile, organisations, representations and (for officials) role grants.
 *
 * @throws auth.unauthenticated when the user no longer exists.
 */
export async function getMe({ db, userId }: { db: DbExecutor; userId: string }) {
  const repo = createIdentityRepository({ db });
  const user = await repo.getUserById(userId);
  if (!user) throw createUnauthenticatedError();
  const [profile, grants, organisations, representations, totp] = await Promise.all([
    repo.getProfile(userId),
    repo.listGrants(userId),
    listMyOrganisations({ db, userId }),
    repo.listRepresentationsOf(userId, todayInVietnam()),
    getTotpCredential({ db, userId }),
  ]);
  return {
    id: user.id,
    kind: user.kind,
    email: user.email,
    phone: user.phone,
    emailVerified: user.emailVerifiedAt !== null,
    fullName: user.fullName,
    totpEnabled: Boolean(totp?.enabledAt && totp.secret),
    profile: {
      personalIdNumber: profile?.personalIdNumber ?? null,
      personalIdVerified: Boolean(profile?.personalIdNumber && profile.personalIdVerifiedAt),
      dateOfBirth: profile?.dateOfBirth ?? null,
      address: profile?.address ?? null,
    },
    organisations,
    representations: representations.map((r) => ({
      id: r.id,
      principalUserId: r.principalUserId,
      principalOrganisationId: r.principalOrganisationId,
      principalName: r.principalName,
      principalTaxCode: r.principalTaxCode,
      principalVerified: r.principalVerified,
      scope: r.scope,
      validFrom: r.validFrom,
      validTo: r.validTo,
      documentReference: r.documentReference,
    })),
    grants: grants.map((g) => ({ role: g.role, unitCode: g.unitCode, unitName: g.unitName, fieldCodes: g.fieldCodes })),
  };
}

export interface ProfileChanges {
  fullName?: string;
  phone?: string | null;
  personalIdNumber?: string | null;
  dateOfBirth?: string | null;
  address?: string | null;
}

/**
 * Updates the user's name, phone and applicant profile (only the fields sent).
 *
 * @throws identity.phone_taken, identity.personal_id_taken, identity.personal_id_verified (a number
 *   proven by national sign-in cannot be changed by hand)
 */
export async function updateProfile({ db, userId, changes, client }: { db: Database; userId: string; changes: ProfileChanges; client: ClientInfo }) {
  await db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const userChanges: { fullName?: string; phone?: string | null } = {};
    if (changes.fullName !== undefined) userChanges.fullName = changes.fullName.trim();
    if (changes.phone !== undefined) userChanges.phone = changes.phone === null ? null : normalizePhone(changes.phone)!;
    if (Object.keys(userChanges).length > 0) await repo.updateUser(userId, userChanges);
    const { personalIdNumber, dateOfBirth, address } = changes;
    if (personalIdNumber !== undefined) {
      const current = await repo.getProfile(userId);
      if (current?.personalIdVerifiedAt && current.personalIdNumber !== personalIdNumber) {
        throw createPersonalIdLockedError({ errors: [{ path: 'body.personalIdNumber', message: 'Số định danh đã được xác thực, không sửa được' }] });
      }
    }
    const profileChanges = Object.fromEntries(Object.entries({ personalIdNumber, dateOfBirth, address }).filter(([, v]) => v !== undefined));
    if (Object.keys(profileChanges).length > 0) await repo.upsertProfile(userId, profileChanges);
    await recordAuditEvent({ db: tx, event: { actorUserId: userId, action: 'PROFILE_UPDATED', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS', details: { fields: Object.keys(changes) } } });
  });
  return getMe({ db, userId });
}
