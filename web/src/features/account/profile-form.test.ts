import { describe, expect, it } from 'vitest';
import { profileChanges, type ProfileValues } from './profile-form';

const before: ProfileValues = { fullName: 'Nguyễn Văn An', phone: '0912345678', personalIdNumber: '001090000001', dateOfBirth: '1990-01-01', address: 'Hà Nội' };

describe('profile changes', () => {
  it('sends only the fields that changed, and null for an emptied one', () => {
    expect(profileChanges(before, { ...before, fullName: ' Nguyễn Văn Bình ', address: '' }, true)).toEqual({ fullName: 'Nguyễn Văn Bình', address: null });
    expect(profileChanges(before, before, true)).toEqual({});
  });

  it('never sends the applicant profile for an official', () => {
    expect(profileChanges(before, { ...before, personalIdNumber: '', phone: '0987654321' }, false)).toEqual({ phone: '0987654321' });
  });
});
