/**
 * Pure dossier rules: the status machine, the mapping to the national status codes (domain
 * brief §2.4), the appointment date from a case's time phases on the working calendar, the
 * dossier code, and what a supplement answer may change. No I/O here.
 */
import { phasesDueAt, toLocal, type Phase, type WorkingCalendar } from '../../../common/calendar/index.js';
import { dossierStatusLabelsVi } from '../../../common/dossier-statuses.js';
import { resolveRef } from '../../../common/forms/index.js';
import { COMPONENT_DEFAULT_MAX_FILES, componentNeedsFile } from '../catalog/index.js';
import type { DossierChannel, DossierStatus } from './dossiers.tables.js';

// ---------------------------------------------------------------------------------------------
// Status machine

export const dossierActions = [
  'submit', 'receive', 'request_supplement', 'resubmit', 'refuse', 'withdraw',
  'start_processing', 'request_payment', 'confirm_payment', 'stop', 'resolve', 'return_result',
] as const;
export type DossierAction = (typeof dossierActions)[number];

/** From status → to status, per action. A missing entry means the action is not allowed. */
export const transitions: Record<DossierAction, Partial<Record<DossierStatus, DossierStatus>>> = {
  submit: { DRAFT: 'SUBMITTED', INTAKE: 'RECEIVED' },
  receive: { SUBMITTED: 'RECEIVED', RESUBMITTED: 'RECEIVED' },
  request_supplement: { SUBMITTED: 'SUPPLEMENT_REQUESTED', RESUBMITTED: 'SUPPLEMENT_REQUESTED' },
  resubmit: { SUPPLEMENT_REQUESTED: 'RESUBMITTED' },
  refuse: { SUBMITTED: 'REFUSED', RESUBMITTED: 'REFUSED' },
  withdraw: {
    SUBMITTED: 'WITHDRAWN', SUPPLEMENT_REQUESTED: 'WITHDRAWN', RESUBMITTED: 'WITHDRAWN',
    RECEIVED: 'WITHDRAWN', IN_PROGRESS: 'WITHDRAWN', AWAITING_PAYMENT: 'WITHDRAWN',
  },
  start_processing: { RECEIVED: 'IN_PROGRESS' },
  request_payment: { IN_PROGRESS: 'AWAITING_PAYMENT' },
  confirm_payment: { AWAITING_PAYMENT: 'IN_PROGRESS' },
  stop: { RECEIVED: 'STOPPED', IN_PROGRESS: 'STOPPED', AWAITING_PAYMENT: 'STOPPED' },
  resolve: { IN_PROGRESS: 'RESULT_READY' },
  return_result: { RESULT_READY: 'RESULT_RETURNED' },
};

/** The next status, or undefined when the action is not allowed from `from`. */
export function nextStatus(from: DossierStatus, action: DossierAction): DossierStatus | undefined {
  return transitions[action][from];
}

export const isDraftStatus = (s: DossierStatus) => s === 'DRAFT' || s === 'INTAKE';

// ---------------------------------------------------------------------------------------------
// National status codes (DVCQG): 1–10

export type NationalStatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export const nationalStatusLabels: Record<NationalStatusCode, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/**
 * The national status of a dossier knowing whether it has been received: a dossier held for its
 * filing fee (AWAITING_PAYMENT before any reception) is 1 "mới đăng ký" for the national portal,
 * whose statuses from 2 on need a reception date; 6 only once it was received. Otherwise
 * toNationalStatus.
 */
export function toNationalStatusOf(status: DossierStatus, received: boolean): NationalStatusCode | null {
  if (status === 'AWAITING_PAYMENT' && !received) return 1;
  return toNationalStatus(status);
}

/**
 * The national status code of an internal status. Drafts (online or at the counter) have not
 * been filed and have none: they are never synchronised nor shown by the public tracking.
 */
export function toNationalStatus(status: DossierStatus): NationalStatusCode | null {
  const codes = {
    DRAFT: null,
    INTAKE: null,
    SUBMITTED: 1,
    RESUBMITTED: 1,
    RECEIVED: 2,
    REFUSED: 3,
    IN_PROGRESS: 4,
    SUPPLEMENT_REQUESTED: 5,
    AWAITING_PAYMENT: 6,
    WITHDRAWN: 7,
    STOPPED: 8,
    RESULT_READY: 9,
    RESULT_RETURNED: 10,
  } as const satisfies Record<DossierStatus, NationalStatusCode | null>;
  return codes[status];
}

/** Vietnamese label of an internal status, for the applicant's own views. */
export const statusLabels: Record<DossierStatus, string> = dossierStatusLabelsVi;

// ---------------------------------------------------------------------------------------------
// Appointment (ngày hẹn trả) on the working calendar

/** A catalogue time phase: `HOUR` is working hours, as `dueDate` reads it. */
export type TimePhase = Phase;

export interface ChannelTerms {
  channel: DossierChannel;
  phases: TimePhase[];
}

/** The phases that apply to a channel: its own, else the online ones, else the first listed. */
export function phasesFor(channels: ChannelTerms[], channel: DossierChannel): TimePhase[] {
  const found = channels.find((c) => c.channel === channel) ?? channels.find((c) => c.channel === 'ONLINE') ?? channels[0];
  return found?.phases ?? [];
}

/**
 * The appointment: the phases back to back on the working calendar (holidays, compensatory days
 * and administrator overrides included), counted from `from` — or, when `from` falls after
 * closing, in the lunch break or on a day off, from the next opening (common/calendar).
 */
export function appointmentFor(from: Date, phases: readonly TimePhase[], calendar: WorkingCalendar): Date {
  return phasesDueAt(from, phases, calendar);
}

// ---------------------------------------------------------------------------------------------
// Dates in messages (Asia/Ho_Chi_Minh)

const vnDate = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const vnDateTime = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
/** dd/MM/yyyy in Vietnam, for e-mails and notifications. */
export const formatVnDate = (d: Date) => vnDate.format(d);
/** HH:mm dd/MM/yyyy in Vietnam. */
export const formatVnDateTime = (d: Date) => vnDateTime.format(d);

// ---------------------------------------------------------------------------------------------
// Dossier code

/** yyMMdd of the instant in Asia/Ho_Chi_Minh. */
export function codeDay(at: Date): string {
  const date = toLocal(at).date; // YYYY-MM-DD
  return `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;
}

/** `{agencyCode}-{yyMMdd}-{NNNN}` (4 digits, more once a unit passes 9999 in one day). */
export function formatDossierCode(agencyCode: string, day: string, n: number): string {
  return `${dossierCodePrefix(agencyCode, day)}${String(n).padStart(4, '0')}`;
}

/** What comes before the number in a dossier code (the submission's statement appends the number in SQL). */
export function dossierCodePrefix(agencyCode: string, day: string): string {
  return `${agencyCode}-${day}-`;
}

// ---------------------------------------------------------------------------------------------
// Malware scan of attached files

/** What the applicant reads beside a file that is not (yet) clean; null for a clean file. */
export function scanMessage(a: { scanStatus: 'PENDING' | 'CLEAN' | 'INFECTED'; originalName: string }): string | null {
  if (a.scanStatus === 'INFECTED') return `Tệp "${a.originalName}" bị phát hiện có mã độc khi kiểm tra an toàn nên đã bị xóa. Vui lòng xóa mục này và tải lên tệp khác.`;
  if (a.scanStatus === 'PENDING') return `Tệp "${a.originalName}" đang chờ kiểm tra an toàn; hồ sơ nộp được khi kiểm tra xong.`;
  return null;
}

/** One problem per file that blocks a submission (quarantined or infected), under `components.{id}`. */
export function attachmentProblems(attachments: { componentId: string; scanStatus: 'PENDING' | 'CLEAN' | 'INFECTED'; originalName: string }[]) {
  return attachments.flatMap((a) => {
    const message = scanMessage(a);
    return message ? [{ path: `components.${a.componentId}`, message }] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Tracking and supplements

/** True when `key` is the last four digits of the ID number or of the phone number. */
export function matchesTrackingKey(key: string, applicant: { personalIdNumber?: string | null; phone?: string | null }): boolean {
  if (!/^\d{4}$/.test(key)) return false;
  return [applicant.personalIdNumber, applicant.phone].some((v) => typeof v === 'string' && v.length >= 4 && v.endsWith(key));
}

/** Paths (dot-separated) of the answers that differ between two answer objects. */
export function changedAnswerPaths(before: unknown, after: unknown, prefix = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => changedAnswerPaths(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

/** Changed paths that no requested field covers (a requested field covers its sub-paths). */
export function unrequestedChanges(changed: string[], requested: string[]): string[] {
  const norm = (p: string) => p.replace(/^\/+/, '').replace(/\//g, '.');
  const allowed = requested.map(norm);
  return changed.filter((p) => !allowed.some((r) => p === r || p.startsWith(`${r}.`) || r.startsWith(`${p}.`)));
}

// ---------------------------------------------------------------------------------------------
// Upload limits of a component

/** Media types a component accepts when the catalogue sets none (judged from content). */
export const DEFAULT_ALLOWED_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png'];

export interface ComponentLimits {
  /** From the catalogue; null = the configured default. */
  maxSizeMb: number | null;
  /** From the catalogue; null = DEFAULT_ALLOWED_TYPES. */
  acceptedTypes: string[] | null;
  /** From the catalogue; null = COMPONENT_DEFAULT_MAX_FILES. */
  maxFiles: number | null;
}

/** How many files a dossier may hold for the component (in one submission or supplement round). */
export const componentMaxFiles = (component: Pick<ComponentLimits, 'maxFiles'>) => component.maxFiles ?? COMPONENT_DEFAULT_MAX_FILES;

/** What a file for this component may be: its own limits, else the configured size and PDF/JPEG/PNG. */
export function componentUploadPolicy(component: Pick<ComponentLimits, 'maxSizeMb' | 'acceptedTypes'>, defaultMaxBytes: number): { maxBytes: number; allowedTypes: string[] } {
  return {
    maxBytes: component.maxSizeMb === null ? defaultMaxBytes : Math.floor(component.maxSizeMb * 1024 * 1024),
    allowedTypes: [...(component.acceptedTypes ?? DEFAULT_ALLOWED_TYPES)],
  };
}

/**
 * The applicant the dossier is for, with the person who filed it for them when that is someone
 * else: "Công ty TNHH A (do Trần Thị B nộp thay)".
 */
export function applicantWithFiler(applicant: { fullName: string; filedByName?: string | null }): string {
  return applicant.filedByName ? `${applicant.fullName} (do ${applicant.filedByName} nộp thay)` : applicant.fullName;
}

// ---------------------------------------------------------------------------------------------
// How complete a draft is ("Hồ sơ của tôi")

export interface DraftCompleteness {
  /** Required form fields that hold an answer, of all required fields. */
  requiredFields: { filled: number; total: number };
  /** Mandatory components without a usable file (none, or only infected ones). */
  missingDocuments: number;
}

type SchemaNode = Record<string, unknown>;
const isNode = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `required` names and `properties` of an object schema, `allOf` members included. */
function objectParts(node: SchemaNode, root: SchemaNode): { required: string[]; properties: Map<string, SchemaNode> } {
  const required: string[] = [];
  const properties = new Map<string, SchemaNode>();
  const visit = (n: unknown, depth: number) => {
    if (!isNode(n) || depth > 10) return;
    const s = resolveRef(n, root);
    if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string' && !required.includes(r)) required.push(r);
    if (isNode(s.properties)) for (const [k, v] of Object.entries(s.properties)) if (isNode(v) && !properties.has(k)) properties.set(k, resolveRef(v, root));
    if (Array.isArray(s.allOf)) for (const m of s.allOf) visit(m, depth + 1);
  };
  visit(node, 0);
  return { required, properties };
}

const isObjectSchema = (s: SchemaNode) => s.type === 'object' || isNode(s.properties);
const hasAnswer = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '') && !(Array.isArray(v) && v.length === 0);

/**
 * Counts the required fields of a form and how many hold an answer. A required section (object)
 * counts the required fields inside it; a required list of rows counts the required fields of each
 * row (at least `minItems` rows, rows not yet added count as empty); any other required field
 * (text, number, a list of choices) counts once. Optional sections are not counted.
 */
export function requiredFieldCounts(schema: Record<string, unknown> | null | undefined, answers: unknown): { filled: number; total: number } {
  let filled = 0;
  let total = 0;
  if (!isNode(schema)) return { filled, total };
  const root = schema;
  const walkObject = (node: SchemaNode, value: unknown, depth: number) => {
    if (depth > 12) return;
    const answer = isNode(value) ? value : {};
    const { required, properties } = objectParts(node, root);
    for (const name of required) {
      const prop = properties.get(name);
      if (!prop) { total++; if (hasAnswer(answer[name])) filled++; continue; }
      walkField(prop, answer[name], depth + 1);
    }
  };
  const walkField = (prop: SchemaNode, value: unknown, depth: number) => {
    if (isObjectSchema(prop)) return walkObject(prop, value, depth);
    const items = isNode(prop.items) ? resolveRef(prop.items, root) : undefined;
    if (prop.type === 'array' && items && isObjectSchema(items)) {
      const rows = Array.isArray(value) ? value : [];
      const count = Math.max(rows.length, typeof prop.minItems === 'number' ? prop.minItems : 1);
      for (let i = 0; i < count; i++) walkObject(items, rows[i], depth);
      return;
    }
    total++;
    if (hasAnswer(value)) filled++;
  };
  walkObject(root, answers, 0);
  return { filled, total };
}

/** How complete a draft is: required form fields answered, and mandatory components still without a file. */
export function draftCompleteness({ schema, answers, components, attachments }: {
  schema: Record<string, unknown> | null | undefined;
  answers: unknown;
  components: { id: string; mandatory: boolean; filledByForm?: boolean }[];
  attachments: { componentId: string; scanStatus: 'PENDING' | 'CLEAN' | 'INFECTED' }[];
}): DraftCompleteness {
  const missingDocuments = components.filter((c) => componentNeedsFile(c, Boolean(schema)) && !attachments.some((a) => a.componentId === c.id && a.scanStatus !== 'INFECTED')).length;
  return { requiredFields: requiredFieldCounts(schema, answers), missingDocuments };
}
