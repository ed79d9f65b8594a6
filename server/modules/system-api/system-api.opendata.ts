/**
 * Open data: the procedure catalogue as JSON and CSV at stable URLs, under CC BY 4.0, described
 * by a DCAT-AP style catalogue (JSON-LD), each file with a published JSON Schema; and the
 * monthly dossier statistics by field and procedure (statistics module: the reports' counting
 * rules, counts below 5 shown as "< 5", no personal data).
 */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/create-database.js';
import { fieldsTable, procedureSearchTable, proceduresTable } from '../catalog/index.js';
import { monthlyOpenStatistics, openStatisticsColumns, type OpenStatisticsRecord } from '../statistics/index.js';

export const LICENCE = { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', name: 'Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)' } as const;
export const OPEN_DATA_PATH = '/api/v1/open-data';

/** Columns of the catalogue, in CSV order. */
export const procedureColumns = ['code', 'name', 'nameEn', 'fieldCode', 'fieldName', 'onlineLevel', 'applicantTypes', 'agencyCodes', 'implementingAgencyCode', 'implementingAgencyName', 'url'] as const;
export type ProcedureRecord = Record<(typeof procedureColumns)[number], string | string[] | null>;

export async function procedureRecords(db: Database, publicUrl: string) {
  const rows = await db.select({ s: procedureSearchTable, nameEn: proceduresTable.nameEn, fieldName: fieldsTable.name })
    .from(procedureSearchTable)
    .innerJoin(proceduresTable, eq(proceduresTable.id, procedureSearchTable.procedureId))
    .innerJoin(fieldsTable, eq(fieldsTable.code, procedureSearchTable.fieldCode))
    .orderBy(asc(procedureSearchTable.code));
  return rows.map((r) => ({
    code: r.s.code,
    name: r.s.name,
    nameEn: r.nameEn,
    fieldCode: r.s.fieldCode,
    fieldName: r.fieldName,
    onlineLevel: r.s.onlineLevel,
    applicantTypes: r.s.applicantTypes,
    agencyCodes: r.s.agencyCodes,
    implementingAgencyCode: r.s.implementingCode,
    implementingAgencyName: r.s.implementingName,
    url: `${publicUrl}/thu-tuc/${encodeURIComponent(r.s.code)}`,
  }));
}

export async function proceduresJson(db: Database, publicUrl: string) {
  const items = await procedureRecords(db, publicUrl);
  return {
    title: 'Danh mục thủ tục hành chính',
    license: LICENCE.url,
    publisher: 'OpenDVC',
    schema: `${publicUrl}${OPEN_DATA_PATH}/schemas/procedures.schema.json`,
    generatedAt: new Date().toISOString(),
    count: items.length,
    items,
  };
}

const csvCell = (v: string | number | string[] | null) => {
  const s = v === null ? '' : Array.isArray(v) ? v.join(';') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV with a header row, UTF-8 with a byte-order mark (so spreadsheets read the diacritics), lists joined by `;`. */
export async function proceduresCsv(db: Database, publicUrl: string) {
  const items = await procedureRecords(db, publicUrl);
  const lines = [procedureColumns.join(','), ...items.map((r) => procedureColumns.map((c) => csvCell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Monthly statistics of a year (this year by default) as JSON. */
export async function statisticsMonthlyJson(db: Database, publicUrl: string, year?: number) {
  const data = await monthlyOpenStatistics(db, { year });
  return {
    title: `Thống kê hồ sơ theo tháng, lĩnh vực và thủ tục — năm ${data.year}`,
    license: LICENCE.url,
    publisher: 'OpenDVC',
    schema: `${publicUrl}${OPEN_DATA_PATH}/schemas/statistics-monthly.schema.json`,
    rules: `${publicUrl}/cong-khai`,
    suppression: 'Số dưới 5 được ghi "< 5" để không thể nhận ra người nộp.',
    year: data.year,
    months: data.months,
    generatedAt: new Date().toISOString(),
    items: data.items,
  };
}

/** The same as CSV (UTF-8 with a byte-order mark, RFC 4180), one row per month and procedure. */
export async function statisticsMonthlyCsv(db: Database, year?: number) {
  const { items } = await monthlyOpenStatistics(db, { year });
  const lines = [openStatisticsColumns.join(','), ...items.map((r: OpenStatisticsRecord) => openStatisticsColumns.map((c) => csvCell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The DCAT-AP style catalogue (JSON-LD). */
export async function dcatCatalog(db: Database, publicUrl: string) {
  const base = `${publicUrl}${OPEN_DATA_PATH}`;
  const items = await procedureRecords(db, publicUrl);
  const publisher = { '@type': 'foaf:Agent', 'foaf:name': 'OpenDVC' };
  return {
    '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', adms: 'http://www.w3.org/ns/adms#' },
    '@id': `${base}/catalog.json`,
    '@type': 'dcat:Catalog',
    'dct:title': { vi: 'Dữ liệu mở — Dịch vụ công trực tuyến', en: 'Open data — online public services' },
    'dct:description': { vi: 'Danh mục thủ tục hành chính và thống kê hồ sơ, không chứa dữ liệu cá nhân.', en: 'Procedure catalogue and dossier statistics, without personal data.' },
    'dct:publisher': publisher,
    'dct:license': LICENCE.url,
    'dct:language': ['vi', 'en'],
    'foaf:homepage': `${publicUrl}/du-lieu-mo`,
    'dct:modified': new Date().toISOString(),
    'dcat:dataset': [
      {
        '@id': `${base}/procedures`,
        '@type': 'dcat:Dataset',
        'dct:identifier': 'procedures',
        'dct:title': { vi: 'Danh mục thủ tục hành chính', en: 'Administrative procedure catalogue' },
        'dct:description': { vi: `Các thủ tục hành chính đang áp dụng (${items.length} thủ tục): mã, tên, lĩnh vực, mức độ trực tuyến, đối tượng, cơ quan thực hiện.`, en: 'Procedures in force: code, name, field, online level, applicants, implementing agencies.' },
        'dct:publisher': publisher,
        'dct:license': LICENCE.url,
        'dcat:keyword': ['thủ tục hành chính', 'dịch vụ công'],
        'dct:accrualPeriodicity': 'http://publications.europa.eu/resource/authority/frequency/CONT',
        'adms:status': 'completed',
        'dcat:distribution': [
          { '@type': 'dcat:Distribution', 'dct:title': 'JSON', 'dcat:accessURL': `${base}/procedures.json`, 'dcat:downloadURL': `${base}/procedures.json`, 'dcat:mediaType': 'application/json', 'dct:license': LICENCE.url, 'dct:conformsTo': `${base}/schemas/procedures.schema.json` },
          { '@type': 'dcat:Distribution', 'dct:title': 'CSV', 'dcat:accessURL': `${base}/procedures.csv`, 'dcat:downloadURL': `${base}/procedures.csv`, 'dcat:mediaType': 'text/csv', 'dct:license': LICENCE.url, 'dct:conformsTo': `${base}/schemas/procedures-csv-row.schema.json` },
        ],
      },
      {
        '@id': `${base}/statistics-monthly`,
        '@type': 'dcat:Dataset',
        'dct:identifier': 'statistics-monthly',
        'dct:title': { vi: 'Thống kê hồ sơ theo tháng, lĩnh vực và thủ tục', en: 'Monthly dossier statistics by field and procedure' },
        'dct:description': { vi: 'Số hồ sơ tiếp nhận (trong đó nộp trực tuyến), đã giải quyết (đúng hạn, trước hạn / quá hạn) và số văn bản xin lỗi theo tháng của năm, mỗi thủ tục; số dưới 5 ghi "< 5"; không chứa dữ liệu cá nhân. Năm khác: thêm ?year=YYYY.', en: 'Dossiers received (of them online), resolved (on time or early / late) and apologies per month of the year and procedure; counts below 5 shown as "< 5"; no personal data. Another year: add ?year=YYYY.' },
        'dct:publisher': publisher,
        'dct:license': LICENCE.url,
        'dcat:keyword': ['thống kê', 'hồ sơ', 'thủ tục hành chính'],
        'dct:accrualPeriodicity': 'http://publications.europa.eu/resource/authority/frequency/DAILY',
        'adms:status': 'completed',
        'dcat:distribution': [
          { '@type': 'dcat:Distribution', 'dct:title': 'JSON', 'dcat:accessURL': `${base}/statistics-monthly.json`, 'dcat:downloadURL': `${base}/statistics-monthly.json`, 'dcat:mediaType': 'application/json', 'dct:license': LICENCE.url, 'dct:conformsTo': `${base}/schemas/statistics-monthly.schema.json` },
          { '@type': 'dcat:Distribution', 'dct:title': 'CSV', 'dcat:accessURL': `${base}/statistics-monthly.csv`, 'dcat:downloadURL': `${base}/statistics-monthly.csv`, 'dcat:mediaType': 'text/csv', 'dct:license': LICENCE.url, 'dct:conformsTo': `${base}/schemas/statistics-monthly-csv-row.schema.json` },
        ],
      },
    ],
  };
}

/** The JSON Schemas of the published files (draft 2020-12). */
export function openDataSchemas(publicUrl: string): Record<string, Record<string, unknown>> {
  const base = `${publicUrl}${OPEN_DATA_PATH}/schemas`;
  const nullableString = { type: ['string', 'null'] };
  const record = {
    type: 'object',
    additionalProperties: false,
    required: [...procedureColumns],
    properties: {
      code: { type: 'string', minLength: 1 },
      name: { type: 'string', minLength: 1 },
      nameEn: nullableString,
      fieldCode: { type: 'string', minLength: 1 },
      fieldName: { type: 'string', minLength: 1 },
      onlineLevel: { type: 'string', enum: ['INFO_ONLY', 'PARTIAL', 'FULL'] },
      applicantTypes: { type: 'array', items: { type: 'string' } },
      agencyCodes: { type: 'array', items: { type: 'string' } },
      implementingAgencyCode: nullableString,
      implementingAgencyName: nullableString,
      url: { type: 'string', format: 'uri' },
    },
  };
  const countColumns = ['received', 'receivedOnline', 'resolved', 'resolvedOnTime', 'resolvedLate', 'apologies'] as const;
  const publicCount = { oneOf: [{ type: 'integer', minimum: 5 }, { const: '< 5' }] };
  const statisticsRecord = {
    type: 'object',
    additionalProperties: false,
    required: [...openStatisticsColumns],
    properties: {
      month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      fieldCode: { type: 'string', minLength: 1 },
      fieldName: { type: 'string', minLength: 1 },
      procedureCode: { type: 'string', minLength: 1 },
      procedureName: { type: 'string', minLength: 1 },
      ...Object.fromEntries(countColumns.map((c) => [c, publicCount])),
    },
  };
  return {
    'procedures.schema.json': {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${base}/procedures.schema.json`,
      title: 'Danh mục thủ tục hành chính (JSON)',
      type: 'object',
      additionalProperties: false,
      required: ['title', 'license', 'publisher', 'schema', 'generatedAt', 'count', 'items'],
      properties: {
        title: { type: 'string' },
        license: { const: LICENCE.url },
        publisher: { type: 'string' },
        schema: { type: 'string', format: 'uri' },
        generatedAt: { type: 'string', format: 'date-time' },
        count: { type: 'integer', minimum: 0 },
        items: { type: 'array', items: record },
      },
    },
    'procedures-csv-row.schema.json': {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${base}/procedures-csv-row.schema.json`,
      title: 'Một dòng của procedures.csv (sau dòng tiêu đề; danh sách ngăn cách bằng ";")',
      type: 'object',
      additionalProperties: false,
      required: [...procedureColumns],
      properties: Object.fromEntries(procedureColumns.map((c) => [c, c === 'code' || c === 'name' || c === 'fieldCode' || c === 'url' ? { type: 'string', minLength: 1 } : { type: 'string' }])),
    },
    'statistics-monthly.schema.json': {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${base}/statistics-monthly.schema.json`,
      title: 'Thống kê hồ sơ theo tháng, lĩnh vực và thủ tục (JSON)',
      type: 'object',
      additionalProperties: false,
      required: ['title', 'license', 'publisher', 'schema', 'rules', 'suppression', 'year', 'months', 'generatedAt', 'items'],
      properties: {
        title: { type: 'string' },
        license: { const: LICENCE.url },
        publisher: { type: 'string' },
        schema: { type: 'string', format: 'uri' },
        rules: { type: 'string', format: 'uri' },
        suppression: { type: 'string' },
        year: { type: 'integer', minimum: 2000 },
        months: { type: 'array', items: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
        generatedAt: { type: 'string', format: 'date-time' },
        items: { type: 'array', items: statisticsRecord },
      },
    },
    'statistics-monthly-csv-row.schema.json': {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${base}/statistics-monthly-csv-row.schema.json`,
      title: 'Một dòng của statistics-monthly.csv (sau dòng tiêu đề)',
      type: 'object',
      additionalProperties: false,
      required: [...openStatisticsColumns],
      properties: {
        ...Object.fromEntries(openStatisticsColumns.map((c) => [c, { type: 'string', minLength: 1 }])),
        month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
        ...Object.fromEntries(countColumns.map((c) => [c, { type: 'string', pattern: '^(\\d+|< 5)$' }])),
      },
    },
    'catalog.schema.json': {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${base}/catalog.schema.json`,
      title: 'Danh mục dữ liệu mở (DCAT-AP, JSON-LD)',
      type: 'object',
      required: ['@context', '@id', '@type', 'dct:title', 'dct:publisher', 'dct:license', 'dcat:dataset'],
      properties: {
        '@type': { const: 'dcat:Catalog' },
        'dct:license': { const: LICENCE.url },
        'dcat:dataset': {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['@id', '@type', 'dct:identifier', 'dct:title', 'dct:description', 'dct:license', 'adms:status', 'dcat:distribution'],
            properties: {
              '@type': { const: 'dcat:Dataset' },
              'dct:license': { const: LICENCE.url },
              'adms:status': { enum: ['completed', 'planned'] },
              'dcat:distribution': {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['@type', 'dcat:accessURL', 'dcat:downloadURL', 'dcat:mediaType', 'dct:license', 'dct:conformsTo'],
                  properties: { '@type': { const: 'dcat:Distribution' }, 'dcat:downloadURL': { type: 'string', format: 'uri' }, 'dct:conformsTo': { type: 'string', format: 'uri' } },
                },
              },
            },
          },
        },
      },
    },
  };
}
