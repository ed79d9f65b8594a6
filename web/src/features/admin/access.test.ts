import { describe, expect, it } from 'vitest';
import type { Me } from '../account/types';
import { isAdministrator } from './access';

const base = { id: 'usr_1', email: 'a@b.vn', phone: null, pendingPhone: null, emailVerified: true, fullName: 'A', totpEnabled: true, profile: { personalIdNumber: null, personalIdVerified: false, dateOfBirth: null, address: null, addressUnits: null }, organisations: [], representations: [] };

describe('isAdministrator', () => {
  it('is true only for an official with the ADMINISTRATOR role', () => {
    const grant = (role: Me['grants'][number]['role']) => ({ role, unitCode: 'X', unitName: 'X', fieldCodes: [] });
    expect(isAdministrator({ ...base, kind: 'OFFICIAL', grants: [grant('SPECIALIST'), grant('ADMINISTRATOR')] })).toBe(true);
    expect(isAdministrator({ ...base, kind: 'OFFICIAL', grants: [grant('LEADER')] })).toBe(false);
    expect(isAdministrator({ ...base, kind: 'APPLICANT', grants: [] })).toBe(false);
    expect(isAdministrator(null)).toBe(false);
  });
});
