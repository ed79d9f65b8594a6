/**
 * Pure dossier rules: the status machine, the mapping to the national status codes (domain
 * brief §2.4), working-day arithmetic in Asia/Ho_Chi_Minh, the appointment date from a case's
 * time phases, the dossier code, and what a supplement answer may change. No I/O here.
 */
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
export const statusLabels: Record<DossierStatus, string> = {
  DRAFT: 'Đang soạn',
  INTAKE: 'Đang nhập tại quầy',
  SUBMITTED: 'Chờ tiếp nhận',
  SUPPLEMENT_REQUESTED: 'Yêu cầu bổ sung hồ sơ',
  RESUBMITTED: 'Đã bổ sung, chờ tiếp nhận',
  RECEIVED: 'Đã tiếp nhận',
  IN_PROGRESS: 'Đang xử lý',
  AWAITING_PAYMENT: 'Chờ thực hiện nghĩa vụ tài chính',
  STOPPED: 'Dừng xử lý',
  REFUSED: 'Từ chối tiếp nhận',
  WITHDRAWN: 'Đã rút hồ sơ',
  RESULT_READY: 'Đã có kết quả',
  RESULT_RETURNED: 'Đã trả kết quả',
};

// ---------------------------------------------------------------------------------------------
// Time in Viet Nam (UTC+7 all year: no daylight saving)

const VN_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** Calendar fields of an instant as seen in Asia/Ho_Chi_Minh. */
export function vietnamParts(at: Date) {
  const local = new Date(at.getTime() + VN_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), weekday: local.getUTCDay() };
}

const isWeekend = (at: Date) => {
  const { weekday } = vietnamParts(at);
  return weekday === 0 || weekday === 6;
};

/** True on Monday–Friday in Asia/Ho_Chi_Minh. The holiday calendar will replace this rule. */
export function isWorkingDay(at: Date): boolean {
  return !isWeekend(at);
}

/**
 * `days` working days after `from`, at the same local time of day (Monday–Friday in
 * Asia/Ho_Chi_Minh). A start on a non-working day counts from the next working day.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let at = new Date(from.getTime());
  while (!isWorkingDay(at)) at = new Date(at.getTime() + DAY_MS);
  let left = Math.ceil(days);
  while (left > 0) {
    at = new Date(at.getTime() + DAY_MS);
    if (isWorkingDay(at)) left--;
  }
  return at;
}

/** Calendar days; a result on a non-working day moves to the next working day. */
export function addCalendarDays(from: Date, days: number): Date {
  let at = new Date(from.getTime() + Math.ceil(days) * DAY_MS);
  while (!isWorkingDay(at)) at = new Date(at.getTime() + DAY_MS);
  return at;
}

export interface TimePhase {
  amount: number;
  unit: 'WORKING_DAY' | 'CALENDAR_DAY' | 'HOUR';
}

export interface ChannelTerms {
  channel: DossierChannel;
  phases: TimePhase[];
}

/** The phases that apply to a channel: its own, else the online ones, else the first listed. */
export function phasesFor(channels: ChannelTerms[], channel: DossierChannel): TimePhase[] {
  const found = channels.find((c) => c.channel === channel) ?? channels.find((c) => c.channel === 'ONLINE') ?? channels[0];
  return found?.phases ?? [];
}

/** The appointment: the phases one after another from `from` (8 working hours = 1 working day). */
export function computeAppointment(from: Date, phases: TimePhase[]): Date {
  let at = from;
  for (const p of phases) {
    if (p.unit === 'WORKING_DAY') at = addWorkingDays(at, p.amount);
    else if (p.unit === 'CALENDAR_DAY') at = addCalendarDays(at, p.amount);
    else at = addWorkingDays(at, Math.ceil(p.amount / 8));
  }
  return at;
}

// ---------------------------------------------------------------------------------------------
// Dossier code

/** yyMMdd of the instant in Asia/Ho_Chi_Minh. */
export function codeDay(at: Date): string {
  const { year, month, day } = vietnamParts(at);
  return `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/** `{agencyCode}-{yyMMdd}-{NNNN}` (4 digits, more once a unit passes 9999 in one day). */
export function formatDossierCode(agencyCode: string, day: string, n: number): string {
  return `${agencyCode}-${day}-${String(n).padStart(4, '0')}`;
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
}

/** What a file for this component may be: its own limits, else the configured size and PDF/JPEG/PNG. */
export function componentUploadPolicy(component: ComponentLimits, defaultMaxBytes: number): { maxBytes: number; allowedTypes: string[] } {
  return {
    maxBytes: component.maxSizeMb === null ? defaultMaxBytes : Math.floor(component.maxSizeMb * 1024 * 1024),
    allowedTypes: [...(component.acceptedTypes ?? DEFAULT_ALLOWED_TYPES)],
  };
}
