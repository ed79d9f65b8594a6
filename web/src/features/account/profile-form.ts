import type { Me, ProfileBody } from './types';

export type ProfileField = 'fullName' | 'phone' | 'personalIdNumber' | 'dateOfBirth' | 'address' | 'addressDetail';
/** The text fields; `address` holds nothing typed (its errors are the units'). */
export type ProfileValues = Record<ProfileField, string>;

/** The address by administrative units as the selects give it. */
export interface ProfileUnits {
  provinceCode?: string;
  provinceName?: string;
  communeCode?: string;
  communeName?: string;
}

export function profileValues(me: Me): ProfileValues {
  return {
    fullName: me.fullName,
    phone: me.phone ?? '',
    personalIdNumber: me.profile.personalIdNumber ?? '',
    dateOfBirth: me.profile.dateOfBirth ?? '',
    address: '',
    addressDetail: me.profile.addressUnits?.detail ?? '',
  };
}

export function profileUnits(me: Me): ProfileUnits {
  const u = me.profile.addressUnits;
  return u ? { provinceCode: u.provinceCode, provinceName: u.provinceName, communeCode: u.communeCode, communeName: u.communeName } : {};
}

/** The address typed as free text before the list of units, still to be chosen again. */
export const legacyProfileAddress = (me: Me): string | undefined => (!me.profile.addressUnits && me.profile.address ? me.profile.address : undefined);

/** What is wrong with the units chosen: a province without its commune. */
export const unitsProblem = (units: ProfileUnits): 'commune' | undefined => (units.provinceCode && !units.communeCode ? 'commune' : undefined);

/**
 * Only what changed is sent; an emptied field is cleared (null). The address goes by units
 * (`addressUnits`), the street line with it; emptying both clears it. Officials have no applicant profile.
 */
export function profileChanges(before: ProfileValues, after: ProfileValues, applicant: boolean, unitsBefore: ProfileUnits = {}, unitsAfter: ProfileUnits = unitsBefore): ProfileBody {
  const body: ProfileBody = {};
  const trimmed = (f: ProfileField) => after[f].trim();
  if (trimmed('fullName') !== before.fullName) body.fullName = trimmed('fullName');
  if (trimmed('phone') !== before.phone) body.phone = trimmed('phone') || null;
  if (!applicant) return body;
  if (trimmed('personalIdNumber') !== before.personalIdNumber) body.personalIdNumber = trimmed('personalIdNumber') || null;
  if (trimmed('dateOfBirth') !== before.dateOfBirth) body.dateOfBirth = trimmed('dateOfBirth') || null;
  const detail = trimmed('addressDetail');
  const unitsChanged = unitsAfter.provinceCode !== unitsBefore.provinceCode || unitsAfter.communeCode !== unitsBefore.communeCode;
  if (unitsChanged || detail !== before.addressDetail.trim()) {
    if (unitsAfter.provinceCode && unitsAfter.communeCode) {
      body.addressUnits = { provinceCode: unitsAfter.provinceCode, communeCode: unitsAfter.communeCode, ...(detail ? { detail } : {}) };
    } else if (!unitsAfter.provinceCode && !detail && unitsBefore.provinceCode) {
      body.addressUnits = null;
    }
  }
  return body;
}
