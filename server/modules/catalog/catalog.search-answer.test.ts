import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { searchResultSchema } from './catalog.schemas.js';
import type { SearchFilters, SearchResultRows } from './catalog.search.js';
import { answerJson as answerBytes, newAnswerParts } from './catalog.usecases.js';

const answerJson = (...args: Parameters<typeof answerBytes>) => answerBytes(...args).toString('utf8');

/** What the route's serialiser made of the result before the answer was spliced from parts. */
function serialised(rows: SearchResultRows, filters: SearchFilters): string {
  return JSON.stringify(z.encode(searchResultSchema, {
    items: rows.items.map((r) => ({
      code: r.code,
      name: r.name,
      field: { code: r.field_code, name: r.field_name, nameEn: r.field_name_en },
      onlineLevel: r.online_level as 'FULL',
      legacyLevel: Number(r.legacy_level) as 1,
      applicantTypes: r.applicant_types as 'CITIZEN'[],
      implementingAgency: r.implementing_code ? { code: r.implementing_code, name: r.implementing_name!, nameEn: r.implementing_name_en } : null,
    })),
    total: rows.total,
    page: filters.page,
    pageSize: filters.pageSize,
    facets: {
      fields: rows.fieldFacets.map((f) => ({ code: f.code, name: f.name, nameEn: f.name_en, count: f.count })),
      levels: rows.levelFacets.map((l) => ({ level: l.level as 'FULL', count: l.count })),
    },
  }));
}

const rows: SearchResultRows = {
  items: [
    { code: '1.012604', name: 'Cấp giấy phép khai thác nước dưới đất "quy mô" \\ lớn', field_code: 'TAI_NGUYEN_NUOC', field_name: 'Tài nguyên nước', field_name_en: 'Water resources', online_level: 'FULL', legacy_level: 4, applicant_types: ['CITIZEN', 'ORGANISATION'], implementing_code: 'G01', implementing_name: 'Cục Quản lý tài nguyên nước', implementing_name_en: null },
    { code: '2.000001', name: 'Thủ tục\u2028mới', field_code: 'KHOANG_SAN', field_name: 'Khoáng sản', field_name_en: null, online_level: 'INFO_ONLY', legacy_level: 2, applicant_types: [], implementing_code: null, implementing_name: null, implementing_name_en: null },
  ],
  total: 1234,
  fieldFacets: [{ code: 'TAI_NGUYEN_NUOC', name: 'Tài nguyên nước', name_en: 'Water resources', count: 0 }, { code: 'KHOANG_SAN', name: 'Khoáng sản', name_en: null, count: 77 }],
  levelFacets: [{ level: 'FULL', count: 3 }, { level: 'INFO_ONLY', count: 1231 }],
};

describe('the search answer spliced from parts', () => {
  it('is byte for byte the schema\'s encoding of the result, also when the parts are reused', () => {
    const parts = newAnswerParts();
    const filters = { q: 'x', page: 3, pageSize: 7 };
    expect(answerJson(parts, rows, filters)).toBe(serialised(rows, filters));
    const other = { ...rows, items: rows.items.slice(1), total: 0, fieldFacets: rows.fieldFacets.map((f) => ({ ...f, count: f.count + 5 })), levelFacets: [] };
    expect(answerJson(parts, other, { page: 1, pageSize: 20 })).toBe(serialised(other, { page: 1, pageSize: 20 }));
    expect(answerJson(parts, { items: [], total: 0, fieldFacets: [], levelFacets: [] }, { page: 1, pageSize: 20 })).toBe('{"items":[],"total":0,"page":1,"pageSize":20,"facets":{"fields":[],"levels":[]}}');
  });

  it('fails, as the serialiser did, on a row the schema refuses', () => {
    expect(() => answerJson(newAnswerParts(), { ...rows, items: [{ ...rows.items[0]!, online_level: 'LEVEL_9' }] }, { page: 1, pageSize: 20 })).toThrow();
    expect(() => answerJson(newAnswerParts(), { ...rows, levelFacets: [{ level: 'NONE', count: 1 }] }, { page: 1, pageSize: 20 })).toThrow();
    expect(() => answerJson(newAnswerParts(), { ...rows, total: 1.5 }, { page: 1, pageSize: 20 })).toThrow();
  });
});
