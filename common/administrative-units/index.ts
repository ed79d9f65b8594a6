/**
 * The administrative units in force since 1 July 2025: 34 provinces and centrally-run cities and
 * the communes, wards and special zones directly under them, with their official codes (see
 * SOURCE.md). Pure data and look-ups; search ignores diacritics and case. Used by the server
 * (catalogue API, checking addresses in answers); the browser asks the API instead of bundling it.
 */
import data from './units.json' with { type: 'json' };
import { normalizeForSearch, stripDiacritics } from '../text.js';

export interface AdministrativeUnit {
  /** 2 digits for a province, 5 for a commune, ward or special zone. */
  code: string;
  /** Official name with its kind: "Thành phố Hà Nội", "Phường Ba Đình", "Đặc khu Phú Quốc". */
  name: string;
  level: 'PROVINCE' | 'COMMUNE';
  /** The province's code, for a commune-level unit. */
  parentCode?: string;
}

export const UNITS_EFFECTIVE_FROM: string = data.effectiveFrom;
export const PROVINCE_CODE = /^\d{2}$/;
export const COMMUNE_CODE = /^\d{5}$/;

interface Indexed extends AdministrativeUnit {
  /** The name without diacritics, lower case; also without the kind ("ba dinh"). */
  search: string;
  bare: string;
  words: string[];
  bareWords: string[];
}

/** The kind of a unit, written before its proper name. */
const KIND_PREFIX = /^(thanh pho|tinh|phuong|xa|dac khu) /;

const index = (u: AdministrativeUnit): Indexed => {
  const search = normalizeForSearch(u.name);
  const bare = search.replace(KIND_PREFIX, '');
  return { ...u, search, bare, words: search.split(' '), bareWords: bare.split(' ') };
};

const PROVINCES: Indexed[] = data.provinces.map((p) => index({ code: p.code, name: p.name, level: 'PROVINCE' }));
const COMMUNES_BY_PROVINCE = new Map<string, Indexed[]>(
  data.provinces.map((p) => [p.code, p.communes.map(([code, name]) => index({ code: code!, name: name!, level: 'COMMUNE', parentCode: p.code }))]),
);
const BY_CODE = new Map<string, Indexed>([...PROVINCES, ...[...COMMUNES_BY_PROVINCE.values()].flat()].map((u) => [u.code, u]));

const plain = ({ code, name, level, parentCode }: Indexed): AdministrativeUnit => (parentCode ? { code, name, level, parentCode } : { code, name, level });

export function listProvinces(): AdministrativeUnit[] {
  return PROVINCES.map(plain);
}

/** The communes, wards and special zones of a province, by code; empty for an unknown province. */
export function listCommunes(provinceCode: string): AdministrativeUnit[] {
  return (COMMUNES_BY_PROVINCE.get(provinceCode) ?? []).map(plain);
}

export function findUnit(code: string): AdministrativeUnit | undefined {
  const u = BY_CODE.get(code);
  return u ? plain(u) : undefined;
}

export function countUnits(): { provinces: number; communes: number } {
  return { provinces: PROVINCES.length, communes: BY_CODE.size - PROVINCES.length };
}

/**
 * Units whose name has a word starting with each word typed, ignoring diacritics and case
 * ("ba dinh", "Hà Nội", "phu quoc", "ho chi"): provinces when `parent` is absent, else the units under that province. Names that
 * start with the words typed (with or without their kind) come first, then by code.
 */
export function searchUnits(options: { parent?: string; q?: string; limit?: number }): AdministrativeUnit[] {
  const pool = options.parent ? COMMUNES_BY_PROVINCE.get(options.parent) ?? [] : PROVINCES;
  const q = normalizeForSearch(options.q ?? '');
  const limit = options.limit ?? pool.length;
  if (!q) return pool.slice(0, limit).map(plain);
  const words = q.split(' ');
  // The kind ("Phường", "Xã") counts only when typed: "phu" should not find every ward.
  const withKind = KIND_PREFIX.test(`${q} `);
  const rank = (u: Indexed) => (u.bare === q || u.search === q ? 0 : u.bare.startsWith(q) || u.search.startsWith(q) ? 1 : 2);
  return pool
    .filter((u) => words.every((w) => (withKind ? u.words : u.bareWords).some((nw) => nw.startsWith(w))))
    .map((u) => ({ u, r: rank(u) }))
    .sort((a, b) => a.r - b.r || a.u.code.localeCompare(b.u.code))
    .slice(0, limit)
    .map(({ u }) => plain(u));
}

/** An address as an e-form stores it: codes plus the names they had when the answer was given. */
export interface UnitAddress {
  provinceCode: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
  detail?: string;
}

export type AddressCheck =
  | { ok: true; address: UnitAddress }
  | { ok: false; field: 'provinceCode' | 'communeCode'; reason: 'unknown-province' | 'unknown-commune' | 'commune-outside-province' };

/**
 * Checks the codes of an address (the province exists, the commune exists and lies in that
 * province) and gives the address back with the official names for those codes.
 */
export function checkUnitAddress(value: { provinceCode: string; communeCode: string; detail?: string }): AddressCheck {
  const province = BY_CODE.get(value.provinceCode);
  if (!province || province.level !== 'PROVINCE') return { ok: false, field: 'provinceCode', reason: 'unknown-province' };
  const commune = BY_CODE.get(value.communeCode);
  if (!commune || commune.level !== 'COMMUNE') return { ok: false, field: 'communeCode', reason: 'unknown-commune' };
  if (commune.parentCode !== province.code) return { ok: false, field: 'communeCode', reason: 'commune-outside-province' };
  const address: UnitAddress = { provinceCode: province.code, provinceName: province.name, communeCode: commune.code, communeName: commune.name };
  if (value.detail !== undefined) address.detail = value.detail;
  return { ok: true, address };
}

/** The kind of a unit in English, by the Vietnamese word its official name starts with. */
const ENGLISH_KIND: Array<[RegExp, string]> = [
  [/^Thành phố /, 'City'],
  [/^Tỉnh /, 'Province'],
  [/^Phường /, 'Ward'],
  [/^Xã /, 'Commune'],
  [/^Đặc khu /, 'Special Zone'],
];

/**
 * The unit's name for the English interface: the proper name without diacritics followed by its
 * kind in English ("Phường Ba Đình" → "Ba Dinh Ward", "Thành phố Hà Nội" → "Ha Noi City",
 * "Đặc khu Phú Quốc" → "Phu Quoc Special Zone"). The list has no official English names; this is
 * the form the State's English documents use.
 */
export function englishUnitName(name: string): string {
  for (const [prefix, kind] of ENGLISH_KIND) {
    if (prefix.test(name)) return `${stripDiacritics(name.replace(prefix, ''))} ${kind}`;
  }
  return stripDiacritics(name);
}

/**
 * Communes, wards and special zones of the whole country matching the words typed (see
 * `searchUnits`), for choosing the commune before the province: its province comes with it.
 */
export function searchCommunesNationwide(options: { q?: string; limit?: number }): AdministrativeUnit[] {
  const q = normalizeForSearch(options.q ?? '');
  if (!q) return [];
  const limit = options.limit ?? 50;
  const all = [...COMMUNES_BY_PROVINCE.keys()].flatMap((parent) => searchUnits({ parent, q }));
  const rank = (u: AdministrativeUnit) => {
    const i = BY_CODE.get(u.code)!;
    return i.bare === q || i.search === q ? 0 : i.bare.startsWith(q) || i.search.startsWith(q) ? 1 : 2;
  };
  return all.map((u) => ({ u, r: rank(u) })).sort((a, b) => a.r - b.r || a.u.code.localeCompare(b.u.code)).slice(0, limit).map(({ u }) => u);
}

/**
 * The units named by free text, as an identity provider may hand out an address ("Thành phố Hà
 * Nội" / "Hà Nội", "Phường Ba Đình" / "Ba Đình"): found only when the names match exactly one
 * province and one unit under it, ignoring diacritics, case and the kind. Undefined otherwise.
 */
export function unitAddressFromNames(value: { province?: string; commune?: string; detail?: string }): UnitAddress | undefined {
  const bare = (s: string) => normalizeForSearch(s).replace(KIND_PREFIX, '');
  if (!value.province || !value.commune) return undefined;
  const provinces = PROVINCES.filter((p) => p.bare === bare(value.province!));
  if (provinces.length !== 1) return undefined;
  const province = provinces[0]!;
  const wanted = normalizeForSearch(value.commune);
  const communes = (COMMUNES_BY_PROVINCE.get(province.code) ?? []).filter((c) => c.search === wanted || c.bare === bare(value.commune!));
  const commune = communes.length === 1 ? communes[0]! : communes.find((c) => c.search === wanted);
  if (!commune) return undefined;
  const address: UnitAddress = { provinceCode: province.code, provinceName: province.name, communeCode: commune.code, communeName: commune.name };
  const detail = value.detail?.trim();
  if (detail) address.detail = detail;
  return address;
}
