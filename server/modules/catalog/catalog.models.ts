/** Pure catalogue rules: which version is current, levels of a version, media types of templates. */
import { bestOnlineLevel, legacyLevel, onlineLevel, type LegacyLevel, type OnlineLevel } from '../../../common/service-levels.js';
import type { Capabilities } from './catalog.import-schema.js';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Media types a component may accept (`acceptedTypes` in the catalogue file), judged from
 * content at upload. ZIP and XLSX are meant for drawings, maps and monitoring data.
 */
export const COMPONENT_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export type ComponentMediaType = (typeof COMPONENT_MEDIA_TYPES)[number];

/** The largest `maxSizeMb` a component may set. */
export const COMPONENT_MAX_SIZE_MB = 100;

/** Files a dossier may hold for a component whose catalogue entry sets no `maxFiles`. */
export const COMPONENT_DEFAULT_MAX_FILES = 5;
/** The largest `maxFiles` a component may set. */
export const COMPONENT_MAX_FILES = 50;

/**
 * Whether a dossier must carry a file for this component: mandatory, and not the e-form itself
 * (`filledByForm`, e.g. the application form, which the applicant fills instead of uploading).
 * A component marked `filledByForm` still needs its file when the case has no e-form.
 */
export function componentNeedsFile(c: { mandatory: boolean; filledByForm?: boolean | null }, caseHasForm: boolean): boolean {
  return c.mandatory && !(c.filledByForm && caseHasForm);
}

// Creating an Intl formatter costs far more than using one: keep a single instance.
const vietnamDate = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

// Zone offsets are whole quarter hours: the date is the same throughout a UTC minute, so one
// formatting per minute serves every request in it (the search route asks on each request).
let formattedMinute = NaN;
let formattedDate = '';

/** Today's date (YYYY-MM-DD) in Vietnam, whatever the server's zone. */
export function todayInVietnam(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== formattedMinute) {
    formattedDate = vietnamDate.format(now);
    formattedMinute = minute;
  }
  return formattedDate;
}

export interface VersionSpan {
  versionNo: number;
  status: string;
  validFrom: string;
  validTo: string | null;
}

/** The published version in force on `date`: the latest start not after it, not yet ended. */
export function pickCurrentVersion<T extends VersionSpan>(versions: T[], date: string): T | undefined {
  return versions
    .filter((v) => v.status === 'PUBLISHED' && v.validFrom <= date && (v.validTo === null || v.validTo > date))
    .sort((a, b) => (a.validFrom === b.validFrom ? b.versionNo - a.versionNo : b.validFrom.localeCompare(a.validFrom)))[0];
}

export interface LeveledCase {
  capabilities: Capabilities;
  hasTemplates: boolean;
}

export function levelsOfVersion(cases: LeveledCase[]): { onlineLevel: OnlineLevel; legacyLevel: LegacyLevel } {
  const online = bestOnlineLevel(cases.map((c) => onlineLevel(c.capabilities)));
  const legacy = Math.max(1, ...cases.map((c) => legacyLevel(c.capabilities, c.hasTemplates))) as LegacyLevel;
  return { onlineLevel: online, legacyLevel: legacy };
}

/** Media type from the file's first bytes, not its name. */
export function sniffTemplateMediaType(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    // A ZIP container; OOXML documents carry [Content_Types].xml and a word/ folder.
    const text = Buffer.from(bytes).toString('latin1');
    if (text.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (text.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return undefined;
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'application/msword';
  return undefined;
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 Vietnamese name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.normalize('NFC'))}`;
}
