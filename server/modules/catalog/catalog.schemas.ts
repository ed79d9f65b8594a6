/** HTTP contract of the public catalogue: Zod schemas that validate, serialise and document. */
import { z } from 'zod';
import { applicantTypeSchema, capabilitiesSchema, channelTermsSchema, legalDocSchema } from './catalog.import-schema.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');
export const onlineLevelSchema = z.enum(['INFO_ONLY', 'PARTIAL', 'FULL']).meta({
  description: 'Decree 42/2022 level: INFO_ONLY (no online filing), PARTIAL (một phần), FULL (toàn trình).',
});
export const legacyLevelSchema = z.number().int().min(1).max(4).meta({ description: 'Decree 43/2011 level 1–4, derived.' });

export const procedureCodeParamsSchema = z.object({
  code: z.string().min(1).max(60).regex(/^[A-Za-z0-9.]+$/, 'Mã thủ tục chỉ gồm chữ, số và dấu chấm'),
});

export const searchQuerySchema = z.object({
  q: z.string().max(200, 'Từ khóa tìm kiếm dài tối đa 200 ký tự').optional().meta({ description: 'Words to find, with or without diacritics.' }),
  field: z.string().max(80).optional().meta({ description: 'Field (lĩnh vực) code.' }),
  agency: z.string().max(80).optional().meta({ description: 'Electronic code of an agency involved in the procedure.' }),
  level: onlineLevelSchema.optional(),
  applicantType: applicantTypeSchema.optional(),
  page: z.coerce.number({ message: 'Số trang phải là số' }).int('Số trang phải là số nguyên').min(1, 'Số trang bắt đầu từ 1').max(10000).default(1),
  pageSize: z.coerce.number({ message: 'Số mục mỗi trang phải là số' }).int('Số mục mỗi trang phải là số nguyên').min(1, 'Số mục mỗi trang từ 1 đến 100').max(100, 'Số mục mỗi trang từ 1 đến 100').default(20),
});

const fieldRefSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() });
const agencyRefSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() });

export const procedureSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  field: fieldRefSchema,
  onlineLevel: onlineLevelSchema,
  legacyLevel: legacyLevelSchema,
  applicantTypes: z.array(applicantTypeSchema),
  implementingAgency: agencyRefSchema.nullable(),
});

export const searchResultSchema = z.object({
  items: z.array(procedureSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.object({
    fields: z.array(fieldRefSchema.extend({ count: z.number().int() })),
    levels: z.array(z.object({ level: onlineLevelSchema, count: z.number().int() })),
  }),
});

export const templateFileInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  url: z.string().meta({ description: 'Download address, relative to the API root.' }),
});

export const procedureDetailSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  description: z.string().nullable(),
  field: fieldRefSchema,
  implementationLevels: z.array(z.string()),
  applicantTypes: z.array(applicantTypeSchema),
  keywords: z.array(z.string()),
  agencies: z.array(agencyRefSchema.extend({ role: z.string(), address: z.string().nullable() })),
  onlineLevel: onlineLevelSchema,
  legacyLevel: legacyLevelSchema,
  provenance: z.object({ confidence: z.string(), note: z.string().optional(), sources: z.array(z.string()) }),
  version: z.object({
    versionNo: z.number().int(),
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    publishingDecision: legalDocSchema.nullable(),
    legalBasis: z.array(legalDocSchema),
    requirements: z.array(z.string()),
    submissionPlaces: z.array(z.string()),
    results: z.array(z.object({ code: z.string().optional(), name: z.string() })),
  }),
  cases: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      steps: z.array(z.string()),
      channels: z.array(channelTermsSchema),
      capabilities: capabilitiesSchema,
      onlineLevel: onlineLevelSchema,
      legacyLevel: legacyLevelSchema,
      components: z.array(
        z.object({
          id: z.string(),
          code: z.string().nullable(),
          name: z.string(),
          description: z.string().nullable(),
          mandatory: z.boolean(),
          filledByForm: z.boolean().meta({ description: 'The case\'s e-form is this component (the application form): filled online, not uploaded.' }),
          originals: z.number().int(),
          copies: z.number().int(),
          templates: z.array(templateFileInfoSchema),
        }),
      ),
    }),
  ),
  versions: z.array(z.object({ versionNo: z.number().int(), validFrom: isoDate, validTo: isoDate.nullable(), current: z.boolean() })),
});

export const procedureDetailQuerySchema = z.object({
  at: isoDate.optional().meta({ description: 'Show the version in force on this date (default: today in Vietnam).' }),
});

export const templateParamsSchema = procedureCodeParamsSchema.extend({
  templateId: z.string().min(1).max(80).regex(/^[A-Za-z0-9._-]+$/, 'Mã mẫu không hợp lệ'),
});

export const fieldsResponseSchema = z.object({ items: z.array(fieldRefSchema.extend({ procedureCount: z.number().int() })) });
export const agenciesResponseSchema = z.object({
  items: z.array(agencyRefSchema.extend({ parentCode: z.string().nullable(), address: z.string().nullable(), external: z.boolean() })),
});

export type ProcedureDetail = z.infer<typeof procedureDetailSchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;
