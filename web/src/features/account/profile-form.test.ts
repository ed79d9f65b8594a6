import { describe, expect, it } from 'vitest';
import { profileChanges, unitsProblem, type ProfileValues } from './profile-form';

const before: ProfileValues = { fullName: 'Nguyễn Văn An', phone: '0912345678', personalIdNumber: '001090000001', dateOfBirth: '1990-01-01', address: '', addressDetail: 'Số 10 phố Tôn Thất Thuyết' };
const cauGiay = { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00166', communeName: 'Phường Cầu Giấy' };

describe('profile changes', () => {
  it('sends only the fields that changed, and null for an emptied one', () => {
    expect(profileChanges(before, { ...before, fullName: ' Nguyễn Văn Bình ', dateOfBirth: '' }, true, cauGiay)).toEqual({ fullName: 'Nguyễn Văn Bình', dateOfBirth: null });
    expect(profileChanges(before, before, true, cauGiay)).toEqual({});
  });

  it('sends the address by unit codes with the street line when either changed', () => {
    const hoanKiem = { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00070', communeName: 'Phường Hoàn Kiếm' };
    expect(profileChanges(before, before, true, cauGiay, hoanKiem)).toEqual({ addressUnits: { provinceCode: '01', communeCode: '00070', detail: 'Số 10 phố Tôn Thất Thuyết' } });
    expect(profileChanges(before, { ...before, addressDetail: ' Số 12 ' }, true, cauGiay)).toEqual({ addressUnits: { provinceCode: '01', communeCode: '00166', detail: 'Số 12' } });
    expect(profileChanges(before, { ...before, addressDetail: '' }, true, cauGiay, {})).toEqual({ addressUnits: null });
    // A profile with a free-text address: units chosen for the first time.
    expect(profileChanges({ ...before, addressDetail: '' }, { ...before, addressDetail: '' }, true, {}, cauGiay)).toEqual({ addressUnits: { provinceCode: '01', communeCode: '00166' } });
  });

  it('finds a province chosen without its commune', () => {
    expect(unitsProblem({ provinceCode: '01' })).toBe('commune');
    expect(unitsProblem(cauGiay)).toBeUndefined();
    expect(unitsProblem({})).toBeUndefined();
  });

  it('never sends the applicant profile for an official', () => {
    expect(profileChanges(before, { ...before, personalIdNumber: '', phone: '0987654321' }, false)).toEqual({ phone: '0987654321' });
  });
});
