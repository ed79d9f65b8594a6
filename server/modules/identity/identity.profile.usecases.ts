/** The signed-in user's own account: what /me shows and what the user may change. */
import { checkUnitAddress, type UnitAddress } from '../../../common/administrative-units/index.js';
import { addressText } from '../../../common/forms/address-shape.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import { createValidationError } from '../../platform/errors/common.errors.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import type { ClientInfo } from './identity.deps.js';
import { createUnauthenticatedError, createPersonalIdLockedError } from './identity.errors.js';
import { normalizePhone } from './identity.models.js';
import { listMyOrganisations } from './identity.organisations.usecases.js';
import { createIdentityRepository } from './identity.repository.js';
import { openPhoneChallenge, pendingPhoneOf } from './identity.phone.usecases.js';
import { enqueuePhoneCode } from './identity.queues.js';
import { getTotpCredential } from './identity.totp.usecases.js';

// Built once: constructing an Intl.DateTimeFormat costs far more than formatting with it.
const vietnamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
const todayInVietnam = () => vietnamDate.format(new Date());

/**
 * The account, profile, organisations, representations and (for officials) role grants.
 *
 * @throws auth.unauthenticated when the user no longer exists.
 */
export async function getMe({ db, userId }: { db: DbExecutor; userId: string }) {
  const repo = createIdentityRepository({ db });
  const user = await repo.getUserById(userId);
  if (!user) throw createUnauthenticatedError();
  const [profile, grants, organisations, representations, totp, pendingPhone] = await Promise.all([
    repo.getProfile(userId),
    repo.listGrants(userId),
    listMyOrganisations({ db, userId }),
    repo.listRepresentationsOf(userId, todayInVietnam()),
    getTotpCredential({ db, userId }),
    pendingPhoneOf({ db, userId }),
  ]);
  return {
    id: user.id,
    kind: user.kind,
    email: user.email,
    phone: user.phone,
    pendingPhone,
    emailVerified: user.emailVerifiedAt !== null,
    fullName: user.fullName,
    totpEnabled: Boolean(totp?.enabledAt && totp.secret),
    profile: {
      personalIdNumber: profile?.personalIdNumber ?? null,
      personalIdVerified: Boolean(profile?.personalIdNumber && profile.personalIdVerifiedAt),
      dateOfBirth: profile?.dateOfBirth ?? null,
      address: profile?.address ?? null,
      addressUnits: profile?.addressUnits ?? null,
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
  /** Free text (clears the units). */
  address?: string | null;
  /** Units of the list by code, and the street line; null clears the address. */
  addressUnits?: { provinceCode: string; communeCode: string; detail?: string } | null;
}

/**
 * Updates the user's name, phone and applicant profile (only the fields sent). Nothing here tells
 * whether a number belongs to someone else:
 * - a new phone number is not set but waits for proof: a challenge is opened and the
 *   `identity.phone-code` job sends a code to it (or, when the number is another account's, tells
 *   that account's owner it is in use, and no code can ever meet the challenge); `pendingPhone`
 *   shows it until the code is entered (`confirmPhoneChange`) or it expires;
 * - a personal ID number typed by hand is unverified and may equal another profile's; only
 *   numbers verified by the national sign-in are unique, and only they link accounts.
 *
 * - an address by units takes the names from the list, and its one line becomes `address`.
 *
 * @throws identity.personal_id_verified (a number proven by national sign-in cannot be changed by hand)
 * @throws request.invalid (a unit not in the list, or a commune outside the province chosen)
 */
export async function updateProfile({ db, userId, changes, client }: { db: Database; userId: string; changes: ProfileChanges; client: ClientInfo }) {
  await db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const userChanges: { fullName?: string; phone?: null } = {};
    if (changes.fullName !== undefined) userChanges.fullName = changes.fullName.trim();
    if (changes.phone === null) userChanges.phone = null;
    if (Object.keys(userChanges).length > 0) await repo.updateUser(userId, userChanges);
    const newPhone = changes.phone ? normalizePhone(changes.phone)! : undefined;
    if (newPhone && newPhone !== (await repo.getUserById(userId))?.phone) {
      const challengeId = await openPhoneChallenge({ db: tx, userId, purpose: 'PHONE_CHANGE', phone: newPhone, ip: client.ip });
      await enqueuePhoneCode(tx, { challengeId });
    }
    const { personalIdNumber, dateOfBirth } = changes;
    if (personalIdNumber !== undefined) {
      const current = await repo.getProfile(userId);
      if (current?.personalIdVerifiedAt && current.personalIdNumber !== personalIdNumber) {
        throw createPersonalIdLockedError({ errors: [{ path: 'body.personalIdNumber', message: 'Số định danh đã được xác thực, không sửa được' }] });
      }
    }
    const profileChanges: Parameters<typeof repo.upsertProfile>[1] = Object.fromEntries(Object.entries({ personalIdNumber, dateOfBirth }).filter(([, v]) => v !== undefined));
    Object.assign(profileChanges, addressChanges(changes));
    if (Object.keys(profileChanges).length > 0) await repo.upsertProfile(userId, profileChanges);
    await recordAuditEvent({ db: tx, event: { actorUserId: userId, action: 'PROFILE_UPDATED', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS', details: { fields: Object.keys(changes) } } });
  });
  return getMe({ db, userId });
}

/**
 * The address columns for the changes: by units (names from the list), as free text, or cleared.
 * Also used for an organisation's head office.
 * @throws validation (400) naming `body.addressUnits.provinceCode|communeCode` for a unit not in the list
 */
export function addressChanges({ address, addressUnits }: Pick<ProfileChanges, 'address' | 'addressUnits'>): { address?: string | null; addressUnits?: UnitAddress | null } {
  if (addressUnits === null) return { address: null, addressUnits: null };
  if (addressUnits) {
    const check = checkUnitAddress({ provinceCode: addressUnits.provinceCode, communeCode: addressUnits.communeCode, ...(addressUnits.detail ? { detail: addressUnits.detail } : {}) });
    if (!check.ok) {
      const message = check.field === 'provinceCode'
        ? 'Tỉnh, thành phố không có trong danh mục đơn vị hành chính hiện hành'
        : check.reason === 'commune-outside-province' ? 'Xã, phường, đặc khu không thuộc tỉnh, thành phố đã chọn' : 'Xã, phường, đặc khu không có trong danh mục đơn vị hành chính hiện hành';
      throw createValidationError({ errors: [{ path: `body.addressUnits.${check.field}`, message }] });
    }
    return { address: addressText(check.address), addressUnits: check.address };
  }
  if (address !== undefined) return { address, addressUnits: null };
  return {};
}
