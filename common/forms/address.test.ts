import { describe, expect, it } from 'vitest';
import groundwater from '../../seed/forms/1.012604.json' with { type: 'json' };
import { addressProblems, withOfficialUnitNames } from './address-check.js';
import { addressAnswers, addressText, legacyAddressText } from './address-shape.js';
import { answerLines, renderAnswers } from './answers.js';
import { validateAnswers } from './validate.js';
import type { JsonSchema } from './schema-walk.js';

const { schema, uiSchema } = groundwater.cases[0] as unknown as { schema: JsonSchema; uiSchema: JsonSchema };

const baDinh = { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00004', communeName: 'Phường Ba Đình', detail: 'Số 1 phố Đội Cấn' };
const withLocation = (location: unknown) => ({ abstraction: { location } });

describe('addresses of administrative units in an e-form', () => {
  it('finds the address answers of a form, inside sections', () => {
    expect(addressAnswers(schema, withLocation(baDinh))).toEqual([{ path: 'abstraction.location', value: baDinh }]);
    expect(addressAnswers(schema, {})).toEqual([]);
  });

  it('asks for the province and the commune by code, with their names', () => {
    const result = validateAnswers(schema, withLocation({}));
    const paths = result.valid ? [] : result.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['abstraction.location.provinceCode', 'abstraction.location.communeCode']));
    const noName = validateAnswers(schema, withLocation({ provinceCode: '01', communeCode: '00004' }));
    expect(noName.valid ? [] : noName.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['abstraction.location.provinceName', 'abstraction.location.communeName']));
    const badFormat = validateAnswers(schema, withLocation({ ...baDinh, communeCode: 'Ba Đình' }));
    expect(badFormat.valid ? [] : badFormat.errors.map((e) => e.path)).toContain('abstraction.location.communeCode');
  });

  it('accepts units of the list and refuses unknown codes and a commune of another province', () => {
    expect(addressProblems(schema, withLocation(baDinh))).toEqual([]);
    expect(addressProblems(schema, withLocation({ ...baDinh, provinceCode: '79' }))).toEqual([
      { path: 'abstraction.location.communeCode', message: 'Xã, phường, đặc khu: không thuộc tỉnh, thành phố đã chọn' },
    ]);
    expect(addressProblems(schema, withLocation({ ...baDinh, provinceCode: '02' }))).toEqual([
      { path: 'abstraction.location.provinceCode', message: 'Tỉnh, thành phố trực thuộc trung ương: không có trong danh mục đơn vị hành chính hiện hành' },
    ]);
    expect(addressProblems(schema, withLocation({ ...baDinh, communeCode: '99999' }))[0]?.path).toBe('abstraction.location.communeCode');
    // Missing codes are the schema's to report.
    expect(addressProblems(schema, withLocation({ detail: 'x' }))).toEqual([]);
  });

  it('stores the names the list gives for the codes', () => {
    const typed = withLocation({ ...baDinh, provinceName: 'Ha Noi', communeName: 'ba dinh' });
    const stored = withOfficialUnitNames(schema, typed);
    expect(stored.abstraction.location).toEqual(baDinh);
    expect(typed.abstraction.location).toMatchObject({ provinceName: 'Ha Noi' }); // a copy, not in place
  });

  it('reads an address as one line, and an address typed before the list as it was typed', () => {
    expect(addressText(baDinh)).toBe('Số 1 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội');
    const legacy = { province: 'Ha Noi', district: 'Quận Ba Đình', commune: 'Phường Phúc Xá', detail: 'Số 5' };
    expect(addressText(legacy)).toBe('Số 5, Phường Phúc Xá, Quận Ba Đình, Ha Noi');
    expect(legacyAddressText(legacy)).toBe('Số 5, Phường Phúc Xá, Quận Ba Đình, Ha Noi');
    expect(legacyAddressText(baDinh)).toBeUndefined();
    const lines = (loc: unknown) => answerLines(renderAnswers(schema, uiSchema, withLocation(loc)));
    expect(lines(baDinh)).toContainEqual({ depth: 1, label: 'Vị trí công trình', text: 'Số 1 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội' });
    expect(lines(legacy)).toContainEqual({ depth: 1, label: 'Vị trí công trình', text: 'Số 5, Phường Phúc Xá, Quận Ba Đình, Ha Noi' });
    expect(JSON.stringify(lines(baDinh))).not.toContain('00004');
  });
});
