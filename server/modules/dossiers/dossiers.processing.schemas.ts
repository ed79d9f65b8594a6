/** HTTP contract of the back office: inbox, actions, workspace, result draft and documents, rating. */
import { z } from 'zod';
import { officialRoles } from '../identity/index.js';
import { dossierChannels, dossierOrigins, dossierStatuses, documentKinds, documentStatuses, returnMethods, workflowStatuses } from './dossiers.tables.js';

const id = z.string().min(1).max(100);
const isoDateTime = z.string().meta({ format: 'date-time' });
const page = z.coerce.number({ message: 'Số trang phải là số' }).int('Số trang phải là số nguyên').min(1, 'Số trang bắt đầu từ 1').max(10000).default(1);
const pageSize = z.coerce.number({ message: 'Số mục mỗi trang phải là số' }).int().min(1, 'Số mục mỗi trang từ 1 đến 100').max(100, 'Số mục mỗi trang từ 1 đến 100').default(20);
const deadlineStates = ['OVERDUE', 'DUE_SOON', 'ON_TRACK', 'PAUSED', 'NONE'] as const;

export const inboxQuerySchema = z.object({
  scope: z.enum(['unit', 'mine'], { message: 'Phạm vi phải là unit hoặc mine' }).default('unit')
    .meta({ description: '`unit`: every dossier waiting on one of your roles in your units; `mine`: assigned to you.' }),
  role: z.enum(officialRoles, { message: 'Vai trò không hợp lệ' }).optional().meta({ description: 'Only dossiers waiting on this role (e.g. LEADER for the signing queue).' }),
  status: z.union([z.enum(dossierStatuses), z.array(z.enum(dossierStatuses))]).optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  procedureCode: z.string().trim().max(60).optional(),
  fieldCode: z.string().trim().max(60).optional(),
  deadline: z.enum(['overdue', 'due_soon', 'on_track'], { message: 'Trạng thái hạn phải là overdue, due_soon hoặc on_track' }).optional()
    .meta({ description: 'On the overall due date: past, within DEADLINE_WARNING_WORKING_HOURS, or later.' }),
  assigned: z.enum(['me', 'unassigned'], { message: 'Lọc người xử lý phải là me hoặc unassigned' }).optional(),
  page,
  pageSize,
});

export const inboxItemSchema = z.object({
  id, code: z.string().nullable(), procedureCode: z.string(), procedureName: z.string(), caseName: z.string(), fieldCode: z.string(),
  applicantName: z.string(), filedByName: z.string().nullable().meta({ description: 'Who filed it when that is not the applicant ("do … nộp thay").' }), channel: z.enum(dossierChannels), origin: z.enum(dossierOrigins), status: z.enum(dossierStatuses), statusLabel: z.string(),
  stepId: z.string().nullable(), stepName: z.string().nullable(), currentRole: z.string().nullable(),
  assignee: z.object({ id, fullName: z.string() }).nullable(),
  receivedAt: isoDateTime.nullable(), dueAt: isoDateTime.nullable(), stepDueAt: isoDateTime.nullable(), appointmentAt: isoDateTime.nullable(),
  deadlineState: z.enum(deadlineStates),
});
export const inboxPageSchema = z.object({ items: z.array(inboxItemSchema), page: z.number(), pageSize: z.number(), total: z.number() });

const actionNeeds = z.enum(['comment', 'assigneeId', 'supplement', 'newAppointmentAt', 'collectedBy']);
export const availableActionSchema = z.object({
  action: z.string(),
  label: z.string(),
  kind: z.enum(['FORWARD', 'SEND_BACK', 'REQUEST_SUPPLEMENT', 'COORDINATE', 'PAYMENT', 'STOP', 'FINISH', 'OFFICE']),
  needs: z.array(actionNeeds).meta({ description: 'What the action needs in its body.' }),
  effect: z.enum(['SIGN_RESULT', 'ISSUE_RESULT']).optional(),
  to: z.string().nullable().optional(),
});
export const actionListSchema = z.object({ items: z.array(availableActionSchema) });
export const actionParamsSchema = z.object({ dossierId: id, action: z.string().min(1).max(64) });

export const actionBodySchema = z.object({
  comment: z.string().trim().max(4000, 'Ý kiến tối đa 4000 ký tự').optional(),
  assigneeId: id.optional().meta({ description: 'The official to take the next step (or, for `assign`, the current one).' }),
  supplement: z.object({
    components: z.array(id).max(100).default([]),
    fields: z.array(z.string().trim().min(1).max(300)).max(200).default([]),
    reason: z.string().trim().min(5, 'Vui lòng nêu nội dung cần bổ sung (tối thiểu 5 ký tự)').max(4000),
    dueInDays: z.number().int().min(1).max(90).optional(),
  }).optional(),
  newAppointmentAt: isoDateTime.optional().meta({ description: '`apologise`: the new appointment.' }),
  collectedBy: z.object({
    fullName: z.string().trim().min(1, 'Nhập họ tên người nhận').max(200),
    personalIdNumber: z.string().trim().regex(/^\d{9}(\d{3})?$/, 'Số CCCD/CMND gồm 9 hoặc 12 chữ số').nullable().optional(),
    note: z.string().trim().max(500).nullable().optional(),
  }).optional().meta({ description: 'Return at the counter: who collected the result.' }),
  returnMethod: z.enum(['COUNTER', 'POSTAL']).optional(),
}).default({});

const certificateSchema = z.object({ commonName: z.string(), subject: z.string(), serialNumber: z.string(), issuer: z.string() });

export const processingViewSchema = z.object({
  dossierId: id,
  workflow: z.object({
    code: z.string(), name: z.string(),
    steps: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
    stepId: z.string().nullable(), stepName: z.string().nullable(), status: z.enum(workflowStatuses),
    coordinatingAgency: z.string().nullable(),
    coordinatingAgencyName: z.string().nullable().meta({ description: 'The name of the agency asked for its opinion, from the catalogue (null when the code is not in it).' }),
    currentRole: z.string().nullable(),
    assignee: z.object({ id, fullName: z.string() }).nullable(),
    mayDraftResult: z.boolean(),
  }).nullable(),
  actions: z.array(availableActionSchema),
  candidates: z.record(z.string(), z.array(z.object({ id, fullName: z.string() }))).meta({ description: 'Per action: officials who may be chosen as `assigneeId`.' }),
  deadlines: z.object({
    receivedAt: isoDateTime.nullable(), dueAt: isoDateTime.nullable(), appointmentAt: isoDateTime.nullable(),
    stepStartedAt: isoDateTime.nullable(), stepDueAt: isoDateTime.nullable(), clockStoppedAt: isoDateTime.nullable(), resolvedAt: isoDateTime.nullable(),
    state: z.enum(deadlineStates),
    timeliness: z.enum(['EARLY', 'ON_TIME', 'LATE', 'WITHIN_DEADLINE', 'OVERDUE']).nullable()
      .meta({ description: 'THE on-time rule (common/calendar classifyTimeliness): by local date, on the statutory due date; an apology letter does not change it.' }),
  }),
  supplementRounds: z.array(z.object({ round: z.number(), reason: z.string(), components: z.array(z.string()), fields: z.array(z.string()), requestedAt: isoDateTime, dueAt: isoDateTime.nullable(), answeredAt: isoDateTime.nullable() })),
  documents: z.array(z.object({
    id, kind: z.enum(documentKinds), status: z.enum(documentStatuses), title: z.string(), number: z.string().nullable(),
    content: z.record(z.string(), z.unknown()), signedAt: isoDateTime.nullable(), issuedAt: isoDateTime.nullable(),
    signer: certificateSchema.nullable(), sha256: z.string().nullable(),
  })),
  returned: z.object({ at: isoDateTime, method: z.enum(returnMethods).nullable(), collectedBy: z.object({ fullName: z.string(), personalIdNumber: z.string().nullable().optional(), note: z.string().nullable().optional() }).nullable() }).nullable(),
});

export const resultDraftBodySchema = z.object({
  title: z.string().trim().min(3, 'Tên văn bản tối thiểu 3 ký tự').max(300, 'Tên văn bản tối đa 300 ký tự'),
  summary: z.string().trim().min(3, 'Trích yếu tối thiểu 3 ký tự').max(500, 'Trích yếu tối đa 500 ký tự'),
  body: z.string().trim().min(10, 'Nội dung tối thiểu 10 ký tự').max(20000, 'Nội dung tối đa 20000 ký tự'),
});
export const resultDraftSchema = z.object({
  documentId: id.nullable(), status: z.enum(documentStatuses), saved: z.boolean(), title: z.string(), summary: z.string(), body: z.string(),
});

export const documentParamsSchema = z.object({ dossierId: id, documentId: id });

export const ratingBodySchema = z.object({
  score: z.number({ message: 'Chọn mức đánh giá từ 1 đến 5' }).int().min(1, 'Chọn mức đánh giá từ 1 đến 5').max(5, 'Chọn mức đánh giá từ 1 đến 5'),
  comment: z.string().trim().max(2000, 'Góp ý tối đa 2000 ký tự').nullable().optional(),
});
