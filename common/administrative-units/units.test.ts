import { describe, expect, it } from 'vitest';
import { checkUnitAddress, COMMUNE_CODE, countUnits, englishUnitName, findUnit, listCommunes, listProvinces, PROVINCE_CODE, searchCommunesNationwide, searchUnits, unitAddressFromNames } from './index.js';
import data from './units.json' with { type: 'json' };

describe('administrative units in force since 1 July 2025', () => {
  it('has the 34 provinces and the 3,321 communes, wards and special zones of the source', () => {
    expect(countUnits()).toEqual({ provinces: 34, communes: 3321 });
    const names = data.provinces.flatMap((p) => p.communes.map(([, name]) => name!));
    expect(names.filter((n) => n.startsWith('Xã ')).length).toBe(2621);
    expect(names.filter((n) => n.startsWith('Phường ')).length).toBe(687);
    expect(names.filter((n) => n.startsWith('Đặc khu ')).length).toBe(13);
    expect(listProvinces().filter((p) => p.name.startsWith('Thành phố ')).length).toBe(6);
    expect(listProvinces().filter((p) => p.name.startsWith('Tỉnh ')).length).toBe(28);
  });

  it('uses 2-digit province codes and 5-digit commune codes, each once, names in NFC', () => {
    const codes = new Set<string>();
    for (const p of data.provinces) {
      expect(p.code).toMatch(PROVINCE_CODE);
      expect(codes.has(p.code)).toBe(false);
      codes.add(p.code);
      expect(p.name).toBe(p.name.normalize('NFC').trim());
      for (const [code, name] of p.communes) {
        expect(code).toMatch(COMMUNE_CODE);
        expect(codes.has(code!)).toBe(false);
        codes.add(code!);
        expect(name).toMatch(/^(Xã|Phường|Đặc khu) \S/);
        expect(name).toBe(name!.normalize('NFC').trim());
      }
    }
  });

  it('knows well-known units by their official codes', () => {
    expect(findUnit('01')).toEqual({ code: '01', name: 'Thành phố Hà Nội', level: 'PROVINCE' });
    expect(findUnit('79')).toEqual({ code: '79', name: 'Thành phố Hồ Chí Minh', level: 'PROVINCE' });
    expect(findUnit('46')?.name).toBe('Thành phố Huế');
    expect(findUnit('00004')).toEqual({ code: '00004', name: 'Phường Ba Đình', level: 'COMMUNE', parentCode: '01' });
    expect(findUnit('31078')).toEqual({ code: '31078', name: 'Đặc khu Phú Quốc', level: 'COMMUNE', parentCode: '91' });
    expect(findUnit('91')?.name).toBe('Tỉnh An Giang');
    expect(findUnit('02')).toBeUndefined(); // Hà Giang merged into Tuyên Quang
    expect(listCommunes('01').length).toBe(126);
    expect(listCommunes('99')).toEqual([]);
  });
});

describe('searchUnits', () => {
  it('ignores diacritics and case, and puts names that start with the words first', () => {
    expect(searchUnits({ q: 'ha noi' })[0]?.code).toBe('01');
    expect(searchUnits({ q: 'HÀ NỘI' })[0]?.code).toBe('01');
    expect(searchUnits({ q: 'ho chi minh' }).map((u) => u.code)).toEqual(['79']);
    expect(searchUnits({ q: 'dak lak' }).map((u) => u.name)).toEqual(['Tỉnh Đắk Lắk']);
    const baDinh = searchUnits({ parent: '01', q: 'ba dinh' });
    expect(baDinh[0]).toMatchObject({ code: '00004', name: 'Phường Ba Đình' });
    expect(searchUnits({ parent: '91', q: 'phu quoc' })[0]?.name).toBe('Đặc khu Phú Quốc');
    // "Xã Hòa Phú" contains both words but does not start with them
    const phu = searchUnits({ parent: '01', q: 'phu' }).map((u) => u.name);
    expect(phu.indexOf('Xã Phú Xuyên')).toBeLessThan(phu.indexOf('Xã Hòa Phú'));
    // The kind counts only when typed: "phu" does not find every ward ("Phường").
    expect(phu).not.toContain('Phường Ba Đình');
    expect(searchUnits({ parent: '01', q: 'phuong ba' })[0]?.name).toBe('Phường Ba Đình');
  });

  it('only looks under the province asked, and caps the answer', () => {
    expect(searchUnits({ parent: '79', q: 'ba dinh' })).toEqual([]);
    expect(searchUnits({ parent: '01', limit: 5 }).length).toBe(5);
    expect(searchUnits({ parent: 'xx', q: 'a' })).toEqual([]);
    expect(searchUnits({}).length).toBe(34);
  });
});

describe('checkUnitAddress', () => {
  it('gives back the official names for valid codes', () => {
    expect(checkUnitAddress({ provinceCode: '01', communeCode: '00004', detail: 'Số 1' })).toEqual({
      ok: true,
      address: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00004', communeName: 'Phường Ba Đình', detail: 'Số 1' },
    });
  });

  it('refuses unknown codes and a commune outside the province', () => {
    expect(checkUnitAddress({ provinceCode: '02', communeCode: '00004' })).toEqual({ ok: false, field: 'provinceCode', reason: 'unknown-province' });
    expect(checkUnitAddress({ provinceCode: '01', communeCode: '99999' })).toEqual({ ok: false, field: 'communeCode', reason: 'unknown-commune' });
    expect(checkUnitAddress({ provinceCode: '01', communeCode: '01' })).toEqual({ ok: false, field: 'communeCode', reason: 'unknown-commune' });
    expect(checkUnitAddress({ provinceCode: '79', communeCode: '00004' })).toEqual({ ok: false, field: 'communeCode', reason: 'commune-outside-province' });
  });

  it('gives every unit an English name: the name without diacritics and the kind in English', () => {
    expect(englishUnitName('Thành phố Hà Nội')).toBe('Ha Noi City');
    expect(englishUnitName('Tỉnh Quảng Ninh')).toBe('Quang Ninh Province');
    expect(englishUnitName('Phường Ba Đình')).toBe('Ba Dinh Ward');
    expect(englishUnitName('Xã Ba Vì')).toBe('Ba Vi Commune');
    expect(englishUnitName('Đặc khu Phú Quốc')).toBe('Phu Quoc Special Zone');
    const all = [...listProvinces(), ...listProvinces().flatMap((p) => listCommunes(p.code))];
    for (const u of all) expect(englishUnitName(u.name)).toMatch(/^[A-Za-z0-9 '’.-]+ (City|Province|Ward|Commune|Special Zone)$/);
  });

  it('finds a commune in the whole country, its province with it', () => {
    const found = searchCommunesNationwide({ q: 'ba dinh' });
    expect(found[0]).toEqual({ code: '00004', name: 'Phường Ba Đình', level: 'COMMUNE', parentCode: '01' });
    expect(found.every((u) => u.level === 'COMMUNE')).toBe(true);
    expect(searchCommunesNationwide({ q: 'phu quoc' })[0]?.code).toBe('31078');
    expect(searchCommunesNationwide({ q: '' })).toEqual([]);
    expect(searchCommunesNationwide({ q: 'xa', limit: 5 })).toHaveLength(5);
  });

  it('resolves an address given by names, with or without kind and diacritics, only when it is unambiguous', () => {
    expect(unitAddressFromNames({ province: 'Hà Nội', commune: 'Phường Ba Đình', detail: ' Số 1 phố Điện Biên Phủ ' })).toEqual({
      provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00004', communeName: 'Phường Ba Đình', detail: 'Số 1 phố Điện Biên Phủ',
    });
    expect(unitAddressFromNames({ province: 'thanh pho ha noi', commune: 'ba dinh' })?.communeCode).toBe('00004');
    expect(unitAddressFromNames({ province: 'Hà Nội', commune: 'Quận Nam Từ Liêm' })).toBeUndefined();
    expect(unitAddressFromNames({ province: 'Hà Giang', commune: 'Phường Hà Giang 1' })).toBeUndefined();
    expect(unitAddressFromNames({ province: 'Hà Nội' })).toBeUndefined();
  });
});
