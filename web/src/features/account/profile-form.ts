import type { Me, ProfileBody } from './types';

export type ProfileField = 'fullName' | 'phone' | 'personalIdNumber' | 'dateOfBirth' | 'address';
export type ProfileValues = Record<ProfileField, string>;

export function profileValues(me: Me): ProfileValues {
  return {
    fullName: me.fullName,
    phone: me.phone ?? '',
    personalIdNumber: me.profile.personalIdNumber ?? '',
    dateOfBirth: me.profile.dateOfBirth ?? '',
    address: me.profile.address ?? '',
  };
}

/** Only what changed is sent; an emptied field is cleared (null). Officials have no applicant profile. */
export function profileChanges(before: ProfileValues, after: ProfileValues, applicant: boolean): ProfileBody {
  const body: ProfileBody = {};
  const trimmed = (f: ProfileField) => after[f].trim();
  if (trimmed('fullName') !== before.fullName) body.fullName = trimmed('fullName');
  if (trimmed('phone') !== before.phone) body.phone = trimmed('phone') || null;
  if (!applicant) return body;
  if (trimmed('personalIdNumber') !== before.personalIdNumber) body.personalIdNumber = trimmed('personalIdNumber') || null;
  if (trimmed('dateOfBirth') !== before.dateOfBirth) body.dateOfBirth = trimmed('dateOfBirth') || null;
  if (trimmed('address') !== before.address) body.address = trimmed('address') || null;
  return body;
}
