/** HTTP contract of the dossier endpoints (Zod → OpenAPI). */
import { z } from 'zod';
import { dossierEventTypeSchema, eventAudienceSchema } from './dossiers.events.js';
import { deliveryMethods, dossierChannels, dossierOrigins, dossierStatuses, returnMethods, scanStatuses } from './dossiers.tables.js';

const id = z.string().min(1).max(100);
const isoDateTime = z.string().meta({ format: 'date-time' });
const answersSchema = z.record(z.string(), z.unknown()).meta({ description: 'Answers to the case\'s e-form (JSON Schema 2020-12).' });

export const dossierParamsSchema = z.object({ dossierId: id });
export const attachmentParamsSchema = z.object({ dossierId: id, attachmentId: id });
export const supplementParamsSchema = z.object({ dossierId: id, round: z.coerce.number({ message: 'Số lần bổ sung phải là số' }).int().min(1).max(1000) });

const page = z.coerce.number({ message: 'Số trang phải là số' }).int('Số trang phải là số nguyên').min(1, 'Số trang bắt đầu từ 1').max(10000).default(1);
const pageSize = z.coerce.number({ message: 'Số mục mỗi trang phải là số' }).int().min(1, 'Số mục mỗi trang từ 1 đến 100').max(100, 'Số mục mỗi trang từ 1 đến 100').default(20);

export const listQuerySchema = z.object({
  status: z.union([z.enum(dossierStatuses), z.array(z.enum(dossierStatuses))]).optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
    .meta({ description: 'One or more internal statuses (repeat the parameter).' }),
  page,
  pageSize,
});
export const queueQuerySchema = z.object({ page, pageSize });

const onBehalfOfSchema = z.union([
  z.object({ organisationId: id }).strict(),
  z.object({ principalUserId: id }).strict(),
  z.object({ organisationInForm: z.literal(true) }).strict().meta({ description: 'For the organisation the e-form names by its tax code (not registered on the portal): the dossier is filed in its name, by the signed-in user.' }),
], { message: 'Chọn một tổ chức của bạn (organisationId), một người đã ủy quyền cho bạn (principalUserId) hoặc tổ chức khai trong tờ khai (organisationInForm)' });

export const createDraftBodySchema = z.object({
  procedureCode: z.string().trim().min(1, 'Vui lòng chọn thủ tục').max(60),
  caseCode: z.string().trim().min(1, 'Vui lòng chọn trường hợp').max(80),
  onBehalfOf: onBehalfOfSchema.optional(),
});

export const saveAnswersBodySchema = z.object({
  answers: answersSchema,
  onBehalfOf: onBehalfOfSchema.nullable().optional().meta({ description: 'Changes for whom an online draft is filed (null: the signed-in user themselves). The organisation fields the profile filled are filled again for the new applicant.' }),
  version: z.number().int().min(1).optional().meta({ description: 'The version last read; the If-Match header may carry it instead.' }),
});

export const ifMatchHeadersSchema = z.object({
  'if-match': z.string().max(40).optional().meta({ description: 'The dossier `version` last read (ETag), e.g. `"3"`.' }),
});

export const submitHeadersSchema = z.object({
  'idempotency-key': z.string().trim().min(8, 'Idempotency-Key tối thiểu 8 ký tự').max(200, 'Idempotency-Key tối đa 200 ký tự').optional(),
});

/** The applicant's declaration, made by pressing "Nộp hồ sơ" under its text; recorded with the submission. */
export const submitBodySchema = z.object({
  declaration: z.string().trim().min(1, 'Lời cam đoan không được để trống').max(1000, 'Lời cam đoan tối đa 1000 ký tự').optional()
    .meta({ description: 'The declaration text the applicant was shown above the submit button; kept in the `dossier.submitted` event.' }),
}).nullish();

export const resubmitBodySchema = z.object({ answers: answersSchema.optional() });
export const withdrawBodySchema = z.object({ reason: z.string().trim().min(5, 'Vui lòng nêu lý do rút hồ sơ (tối thiểu 5 ký tự)').max(2000, 'Lý do tối đa 2000 ký tự') });

export const requestSupplementBodySchema = z.object({
  components: z.array(id).max(100).default([]),
  fields: z.array(z.string().trim().min(1).max(300)).max(200).default([]),
  reason: z.string().trim().min(5, 'Vui lòng nêu nội dung cần bổ sung (tối thiểu 5 ký tự)').max(4000, 'Tối đa 4000 ký tự'),
  dueInDays: z.number().int().min(1, 'Thời hạn bổ sung tối thiểu 1 ngày làm việc').max(90, 'Thời hạn bổ sung tối đa 90 ngày làm việc').optional(),
}).refine((b) => b.components.length + b.fields.length > 0, { message: 'Nêu ít nhất một thành phần hoặc một thông tin cần bổ sung', path: ['components'] });

export const refuseBodySchema = z.object({
  reasons: z.array(z.string().trim().min(5, 'Mỗi lý do tối thiểu 5 ký tự').max(2000, 'Mỗi lý do tối đa 2000 ký tự')).min(1, 'Nêu ít nhất một lý do từ chối').max(20),
});

export const counterIntakeBodySchema = z.object({
  procedureCode: z.string().trim().min(1, 'Vui lòng chọn thủ tục').max(60),
  caseCode: z.string().trim().min(1, 'Vui lòng chọn trường hợp').max(80),
  channel: z.enum(['IN_PERSON', 'POSTAL'], { message: 'Kênh nộp là IN_PERSON (trực tiếp) hoặc POSTAL (bưu chính)' }),
  applicant: z.object({
    fullName: z.string().trim().min(2, 'Họ và tên tối thiểu 2 ký tự').max(200, 'Họ và tên tối đa 200 ký tự'),
    personalIdNumber: z.string().trim().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số').nullable().optional(),
    phone: z.string().trim().regex(/^0\d{9,10}$/, 'Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0').nullable().optional(),
    email: z.email({ message: 'Địa chỉ thư điện tử không hợp lệ' }).nullable().optional(),
    address: z.string().trim().max(500, 'Địa chỉ tối đa 500 ký tự').nullable().optional(),
  }),
  answers: answersSchema.default({}),
});

export const trackingQuerySchema = z.object({
  code: z.string().trim().min(5, 'Vui lòng nhập mã hồ sơ').max(80, 'Mã hồ sơ quá dài'),
  key: z.string().trim().regex(/^\d{4}$/, 'Nhập đúng 4 chữ số cuối của số định danh cá nhân hoặc số điện thoại'),
});

const statusFields = {
  status: z.enum(dossierStatuses),
  statusLabel: z.string(),
  nationalStatus: z.number().int().min(1).max(10).nullable().meta({ description: 'National (DVCQG) status code 1–10; null for drafts.' }),
  nationalStatusLabel: z.string().nullable(),
};

export const attachmentSchema = z.object({
  id: z.string(),
  componentId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  scanStatus: z.enum(scanStatuses),
  scanMessage: z.string().nullable().meta({ description: 'Why the file blocks the dossier: still quarantined, or infected and deleted (the applicant removes it and uploads another); null when clean.' }),
  supplementRound: z.number().int(),
  uploadedAt: isoDateTime,
}).meta({ id: 'DossierAttachment' });

const supplementRequestSchema = z.object({
  round: z.number().int(),
  components: z.array(z.string()),
  fields: z.array(z.string()),
  reason: z.string(),
  requestedAt: isoDateTime,
  dueAt: isoDateTime.nullable(),
  answeredAt: isoDateTime.nullable(),
}).meta({ id: 'SupplementRequest' });

const deliveryAddressSchema = z.object({
  recipientName: z.string().trim().min(2, 'Họ và tên người nhận tối thiểu 2 ký tự').max(200, 'Họ và tên người nhận tối đa 200 ký tự'),
  phone: z.string().trim().regex(/^0\d{9,10}$/, 'Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0'),
  address: z.string().trim().min(5, 'Địa chỉ nhận tối thiểu 5 ký tự').max(500, 'Địa chỉ tối đa 500 ký tự'),
}).meta({ id: 'DeliveryAddress' });

export const deliveryChoiceBodySchema = z.object({
  method: z.enum(deliveryMethods, { message: 'Chọn cách nhận kết quả: ONLINE (trực tuyến), COUNTER (tại Bộ phận Một cửa) hoặc POSTAL (qua bưu chính)' }),
  address: deliveryAddressSchema.nullable().optional().meta({ description: 'Required for POSTAL.' }),
});

export const shipmentBodySchema = z.object({
  carrier: z.string().trim().min(2, 'Nhập tên đơn vị bưu chính').max(100, 'Tên đơn vị bưu chính tối đa 100 ký tự'),
  trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/, 'Số vận đơn gồm 6–40 chữ, số hoặc dấu gạch ngang'),
});

export const deliveryConfirmationBodySchema = z.object({
  deliveredAt: z.iso.datetime({ offset: true, message: 'Thời điểm phát theo ISO 8601, ví dụ 2026-12-04T09:30:00+07:00' }).optional().meta({ description: 'When the carrier delivered it (default: now).' }),
  receivedBy: z.string().trim().min(2, 'Họ và tên người nhận tối thiểu 2 ký tự').max(200).nullable().optional(),
});

const deliverySchema = z.object({
  method: z.enum(deliveryMethods).nullable().meta({ description: 'The applicant\'s choice at filing; null before it is made (the counter then, unless the case only delivers online).' }),
  options: z.array(z.enum(deliveryMethods)).meta({ description: 'What the case offers.' }),
  postalFee: z.number().int().nullable().meta({ description: 'The postal fee (VND) that choosing POSTAL would record; null when the case does not post results or no fee is set.' }),
  address: deliveryAddressSchema.nullable(),
  fee: z.number().int().nullable().meta({ description: 'Postal fee in VND recorded at filing (POSTAL), for the payments module to charge.' }),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  shippedAt: isoDateTime.nullable(),
  deliveredAt: isoDateTime.nullable(),
  onlineLevel: z.enum(['INFO_ONLY', 'PARTIAL', 'FULL']).meta({ description: 'Decree 42/2022 level this dossier is served at: FULL when filed online, fees payable online and the result delivered online or by post.' }),
}).meta({ id: 'DossierDelivery' });

export const dossierSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  ...statusFields,
  channel: z.enum(dossierChannels),
  origin: z.enum(dossierOrigins).meta({ description: 'The system it was filed through: OPENDVC (the portal or the counter) or NSW (the National Single Window).' }),
  procedure: z.object({ code: z.string(), name: z.string() }),
  case: z.object({ code: z.string(), name: z.string() }),
  applicant: z.object({
    fullName: z.string().meta({ description: 'The applicant the dossier is for: the organisation, the principal, or the person who files it for themselves.' }),
    personalIdNumber: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    address: z.string().nullable().optional(),
    organisationTaxCode: z.string().nullable().optional().meta({ description: 'Set when the dossier is filed for an organisation.' }),
    filedByName: z.string().nullable().optional().meta({ description: 'Who files it when that is not the applicant ("do … nộp thay").' }),
    organisationInForm: z.boolean().optional().meta({ description: 'Filed for the organisation the e-form names by its tax code (not registered on the portal).' }),
  }),
  onBehalfOf: z.object({ organisationId: z.string().nullable(), principalUserId: z.string().nullable(), organisationInForm: z.boolean().optional() }).nullable(),
  receivingUnit: z.object({ code: z.string(), name: z.string() }),
  answers: answersSchema,
  form: z.object({
    schema: z.record(z.string(), z.unknown()),
    uiSchema: z.record(z.string(), z.unknown()),
    validator: z.string().optional().meta({ description: 'Where the form\'s precompiled validator module is served (`/api/v1/forms/{contentHash}/validator.js`).' }),
  }),
  components: z.array(z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    mandatory: z.boolean(),
    filledByForm: z.boolean().meta({ description: 'The e-form is this component (the application form): no file is needed for it.' }),
    originals: z.number().int(),
    copies: z.number().int(),
    maxBytes: z.number().int(),
    allowedTypes: z.array(z.string()),
    maxFiles: z.number().int().meta({ description: 'Most files the component takes (per submission or supplement round): the catalogue\'s `maxFiles`, else 5.' }),
    attachments: z.array(attachmentSchema),
  })),
  problems: z.array(z.object({ path: z.string(), message: z.string() })).meta({ description: 'What full validation would refuse now (drafts and supplement answers).' }),
  supplementRequest: supplementRequestSchema.nullable(),
  submittedAt: isoDateTime.nullable(),
  receivedAt: isoDateTime.nullable(),
  appointmentAt: isoDateTime.nullable(),
  draftExpiresAt: isoDateTime.nullable(),
  dueAt: isoDateTime.nullable().meta({ description: 'The statutory due date (an apology letter moves only the appointment).' }),
  returnedAt: isoDateTime.nullable(),
  returnMethod: z.enum(returnMethods).nullable(),
  personalDataPurgedAt: isoDateTime.nullable().meta({ description: 'When the retention purge removed the personal data (answers, applicant details, attachments; ADR 0022).' }),
  delivery: deliverySchema,
  result: z.object({ documentId: z.string(), title: z.string(), number: z.string().nullable(), issuedAt: isoDateTime.nullable(), downloadable: z.boolean() }).nullable()
    .meta({ description: 'The issued result; `downloadable` when GET /dossiers/{id}/result.pdf answers for the caller now.' }),
  apologies: z.array(z.object({ documentId: z.string(), issuedAt: isoDateTime.nullable(), newAppointmentAt: isoDateTime.nullable(), reason: z.string().nullable() })),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable(), createdAt: isoDateTime }).nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  version: z.number().int(),
}).meta({ id: 'Dossier' });

export const dossierSummarySchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  ...statusFields,
  channel: z.enum(dossierChannels),
  origin: z.enum(dossierOrigins).meta({ description: 'The system it was filed through: OPENDVC (the portal or the counter) or NSW (the National Single Window).' }),
  procedure: z.object({ code: z.string(), name: z.string() }),
  caseName: z.string(),
  applicantName: z.string(),
  filedByName: z.string().nullable().meta({ description: 'Who filed it when that is not the applicant ("do … nộp thay").' }),
  submittedAt: isoDateTime.nullable(),
  appointmentAt: isoDateTime.nullable(),
  draftExpiresAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
}).meta({ id: 'DossierSummary' });

export const dossierPageSchema = z.object({ items: z.array(dossierSummarySchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

/** "Hồ sơ của tôi": each draft says how complete it is. */
export const myDossierSummarySchema = dossierSummarySchema.extend({
  completeness: z.object({
    requiredFields: z.object({ filled: z.number().int(), total: z.number().int() }),
    missingDocuments: z.number().int(),
  }).nullable().meta({ description: 'Drafts only (null otherwise): required form fields answered of all required fields, and mandatory components still without a file.' }),
}).meta({ id: 'MyDossierSummary' });

export const myDossierPageSchema = z.object({ items: z.array(myDossierSummarySchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

/** The timeline: the applicant gets the events addressed to them, officials every event with its internal note. */
export const eventsSchema = z.object({
  items: z.array(z.object({
    id: z.string(),
    type: dossierEventTypeSchema,
    action: z.string(),
    at: isoDateTime,
    fromStatus: z.string().nullable(),
    toStatus: z.string(),
    nationalStatus: z.number().int().nullable(),
    label: z.string(),
    actorRole: z.string().nullable(),
    reason: z.string().nullable().describe('Addressed to the applicant (supplement, refusal and stop reasons, withdrawal)'),
    audience: eventAudienceSchema.describe('The applicant receives APPLICANT events only'),
    internalNote: z.string().nullable().optional().describe('An official\'s workflow comment: present for officials only'),
  })),
});

export const trackingResultSchema = z.object({
  code: z.string(),
  nationalStatus: z.number().int().min(1).max(10),
  statusLabel: z.string(),
  appointmentAt: isoDateTime.nullable(),
}).meta({ id: 'DossierTracking' });

export const pdfBodySchema = z.string().meta({ description: 'A PDF file.', format: 'binary' });
