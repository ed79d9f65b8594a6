/**
 * The catalogue exchange file: the format of `seed/catalog.json` and of any file given to
 * `cli procedures import FILE`. It follows the national procedure packet (domain brief §3.2)
 * with English names: time limits and fees hang off the channel, components off the case.
 */
import { z } from 'zod';
import { COMPONENT_MAX_FILES, COMPONENT_MAX_SIZE_MB, COMPONENT_MEDIA_TYPES } from './catalog.models.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');
const text = z.string().trim().min(1, 'Không được để trống');
/** The message of a list that must not be empty, e.g. "Cần ít nhất một trường hợp". */
const atLeastOne = (what: string) => `Cần ít nhất một ${what}`;
/** Stable identifiers used in URLs: letters, digits, dot, dash and underscore. */
const slugId = z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, 'Mã chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới (tối đa 80 ký tự)');

export const channelSchema = z.enum(['ONLINE', 'IN_PERSON', 'POSTAL']);
export const timeUnitSchema = z.enum(['WORKING_DAY', 'CALENDAR_DAY', 'HOUR']);
export const applicantTypeSchema = z.enum(['CITIZEN', 'ENTERPRISE', 'ORGANISATION', 'STATE_AGENCY']);
export const agencyRoleSchema = z.enum(['IMPLEMENTING', 'COMPETENT', 'DELEGATED', 'COORDINATING']);
export const confidenceSchema = z.enum(['SOURCED', 'PARTLY_ILLUSTRATIVE', 'ILLUSTRATIVE']);

export const legalDocSchema = z.object({
  number: text,                       // "08/2022/NĐ-CP"
  title: text,
  issuer: text.optional(),
  issuedOn: isoDate.optional(),
  effectiveFrom: isoDate.optional(),
  url: z.url().optional(),
});

export const timePhaseSchema = z.object({
  name: text,                          // "Kiểm tra tính đầy đủ của hồ sơ"
  amount: z.number({ message: 'Thời gian phải là số' }).positive('Thời gian phải lớn hơn 0').max(3650, 'Thời gian không vượt quá 3650'),
  unit: timeUnitSchema,
  /** Time that does not count against this phase (applicant supplementing, foreign authority replying...). */
  excludes: z.array(z.enum(['APPLICANT_SUPPLEMENT', 'FOREIGN_REPLY', 'PAYMENT', 'OTHER'])).default([]),
});

export const feeItemSchema = z.object({
  code: slugId.optional(),
  kind: z.enum(['FEE', 'CHARGE']),     // phí / lệ phí
  name: text,
  /** Integer VND; absent when the amount depends on the case (then `description` says how). */
  amountVnd: z.number({ message: 'Số tiền phải là số' }).int('Số tiền phải là số nguyên (đồng)').nonnegative('Số tiền không được âm').optional(),
  description: z.string().trim().optional(),
  legalBasis: legalDocSchema.optional(),
  /** When it is paid: at filing (submission waits for it), or after appraisal (an official requests it). Absent = FILING. */
  stage: z.enum(['FILING', 'AFTER_APPRAISAL']).optional(),
  /** The amount from a numeric answer of the e-form: a declared tier table, never an expression. */
  tiers: z.object({
    path: z.string().trim().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'Đường dẫn câu trả lời không hợp lệ'),
    label: z.string().trim().optional(),
    table: z.array(z.object({ upTo: z.number().nonnegative().optional(), amountVnd: z.number().int().nonnegative() })).min(1, atLeastOne('bậc phí'))
      .refine((t) => t.slice(0, -1).every((r) => r.upTo !== undefined), 'Chỉ bậc cuối được bỏ trống ngưỡng')
      .refine((t) => t.every((r, i) => i === 0 || r.upTo === undefined || (t[i - 1]!.upTo ?? Infinity) < r.upTo), 'Các ngưỡng phải tăng dần'),
  }).optional(),
  /** The amounts are illustrative, not taken from a fee circular. */
  illustrative: z.boolean().optional(),
  /** FILING fees: the applicant may submit now and pay later (submission does not wait). */
  payLater: z.boolean().optional(),
});

export const channelTermsSchema = z.object({
  channel: channelSchema,
  phases: z.array(timePhaseSchema).min(1, atLeastOne('giai đoạn xử lý')),
  fees: z.array(feeItemSchema).default([]),
  note: z.string().trim().optional(),
});

export const templateFileSchema = z.object({
  id: slugId,
  title: text,                         // "Mẫu số 05 — Đơn đề nghị cấp giấy phép"
  /** Path relative to the exchange file. */
  file: text,
  /** File name offered on download; Vietnamese with diacritics is fine. */
  fileName: text,
});

export const componentSchema = z.object({
  id: slugId,
  code: z.string().trim().optional(),
  name: text,
  description: z.string().trim().optional(),
  mandatory: z.boolean(),
  /**
   * The case's e-form is this component (typically the application form, "Đơn đề nghị …"): the
   * applicant fills the e-form and uploads nothing for it, and the submission does not ask for a
   * file. At most one component per case; ignored where the case has no e-form.
   */
  filledByForm: z.boolean().optional(),
  originals: z.number().int().min(0).max(50),
  copies: z.number().int().min(0).max(50),
  templates: z.array(templateFileSchema).default([]),
  /**
   * Upload limits of this component; absent means the configured defaults (ATTACHMENT_MAX_BYTES,
   * PDF/JPEG/PNG). They are not part of a version's content hash, so they may be changed on
   * re-import of a published version.
   */
  maxSizeMb: z.number({ message: 'Dung lượng tối đa (MB) phải là số' }).positive('Dung lượng tối đa phải lớn hơn 0')
    .max(COMPONENT_MAX_SIZE_MB, `Dung lượng tối đa không vượt quá ${COMPONENT_MAX_SIZE_MB} MB`).optional(),
  acceptedTypes: z.array(z.enum(COMPONENT_MEDIA_TYPES, { message: `Loại tệp không được hỗ trợ; chỉ dùng: ${COMPONENT_MEDIA_TYPES.join(', ')}` }))
    .min(1, 'Cần ít nhất một loại tệp')
    .refine((types) => new Set(types).size === types.length, 'Loại tệp bị trùng')
    .optional(),
  /** Most files a dossier may hold for this component; absent means COMPONENT_DEFAULT_MAX_FILES. */
  maxFiles: z.number({ message: 'Số tệp tối đa phải là số' }).int('Số tệp tối đa phải là số nguyên').min(1, 'Số tệp tối đa ít nhất là 1')
    .max(COMPONENT_MAX_FILES, `Số tệp tối đa không vượt quá ${COMPONENT_MAX_FILES}`).optional(),
});

export const capabilitiesSchema = z.object({
  onlineSubmission: z.boolean(),
  onlinePayment: z.union([z.boolean(), z.literal('NO_FEE')]),
  resultDelivery: z.array(z.enum(['COUNTER', 'POSTAL', 'ELECTRONIC'])).min(1, atLeastOne('cách trả kết quả')),
  requiresInPersonStep: z.boolean(),
  /** Where online filing happens when not on this portal (e.g. the National Single Window). */
  externalSystem: z.object({ name: text, url: z.url().optional() }).optional(),
});

export const caseSchema = z.object({
  code: slugId,
  name: text,
  steps: z.array(text).min(1, atLeastOne('bước thực hiện')),
  channels: z.array(channelTermsSchema).min(1, atLeastOne('cách thức nộp hồ sơ')),
  components: z.array(componentSchema).min(1, atLeastOne('thành phần hồ sơ'))
    .refine((cs) => cs.filter((c) => c.filledByForm).length <= 1, 'Chỉ một thành phần hồ sơ được đánh dấu là tờ khai điện tử (filledByForm)'),
  capabilities: capabilitiesSchema,
});

export const resultSchema = z.object({
  code: z.string().trim().optional(),
  name: text,
});

export const versionSchema = z.object({
  versionNo: z.number().int().positive(),
  validFrom: isoDate,
  validTo: isoDate.optional(),
  publishingDecision: legalDocSchema.optional(),
  legalBasis: z.array(legalDocSchema).min(1, atLeastOne('căn cứ pháp lý')),
  requirements: z.array(text).default([]),
  /** Where and how to submit, in words a citizen understands. */
  submissionPlaces: z.array(text).default([]),
  results: z.array(resultSchema).min(1, atLeastOne('kết quả thực hiện')),
  cases: z.array(caseSchema).min(1, atLeastOne('trường hợp')),
});

export const procedureSchema = z.object({
  code: z.string().regex(/^\d\.\d{6}(\.[A-Za-z0-9.]+)?$/, 'Mã thủ tục có dạng 1.004262 hoặc 2.001816'),
  name: text,
  nameEn: z.string().trim().optional(),
  description: z.string().trim().optional(),
  fieldCode: slugId,
  implementationLevels: z.array(z.enum(['CENTRAL', 'PROVINCE', 'COMMUNE'])).min(1, atLeastOne('cấp thực hiện')),
  applicantTypes: z.array(applicantTypeSchema).min(1, atLeastOne('đối tượng thực hiện')),
  agencies: z.array(z.object({ agencyCode: text, role: agencyRoleSchema })).min(1, atLeastOne('cơ quan')),
  keywords: z.array(text).default([]),
  provenance: z.object({ confidence: confidenceSchema, note: z.string().trim().optional(), sources: z.array(z.string()).default([]) }),
  versions: z.array(versionSchema).min(1, atLeastOne('phiên bản')),
});

export const agencySchema = z.object({
  code: text,                          // electronic agency code, e.g. 000.00.00.G99
  name: text,
  nameEn: z.string().trim().optional(),
  parentCode: z.string().trim().optional(),
  address: z.string().trim().optional(),
  external: z.boolean().default(false), // another ministry or a national system
});

export const fieldSchema = z.object({
  code: slugId,
  name: text,
  nameEn: z.string().trim().optional(),
  sortOrder: z.number().int().default(0),
});

export const catalogFileSchema = z.object({
  agencies: z.array(agencySchema).default([]),
  fields: z.array(fieldSchema).default([]),
  procedures: z.array(procedureSchema).default([]),
});

export type CatalogFile = z.infer<typeof catalogFileSchema>;
export type CatalogProcedure = z.infer<typeof procedureSchema>;
export type CatalogVersion = z.infer<typeof versionSchema>;
export type CatalogCase = z.infer<typeof caseSchema>;
export type Capabilities = z.infer<typeof capabilitiesSchema>;
