/** Pure rules of the online filing journey: its steps, where to resume, what is missing. */
import type { Answers, Dossier } from './types';

/**
 * 1 applicant and case · 2 e-form with its documents (FormSG style: the components are listed
 * after the form) · 3 review and submit · 4 confirmation.
 */
export const JOURNEY_STEPS = 4;
export const FORM_STEP = 2;
export const REVIEW_STEP = 3;
/** The documents' section on the form step, for links to it. */
export const FILES_ANCHOR = 'giay-to-dinh-kem';
/** The element id of one document's card on the form step, for links to it. */
export const componentCardId = (componentId: string) => `thanh-phan-${componentId}`;

/** The step named in the address (`?buoc=3`), kept within the steps a draft can be on. */
export function stepFromSearch(value: string | null): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < FORM_STEP) return FORM_STEP;
  return Math.min(n, REVIEW_STEP);
}

/** Mandatory components without any file (the one the e-form stands for needs none). */
export function missingComponents(dossier: Pick<Dossier, 'components'>) {
  return dossier.components.filter((c) => c.mandatory && !c.filledByForm && c.attachments.length === 0);
}

/** The first step that still needs the applicant: the form and its documents, else the review. */
export function resumeStep(dossier: Pick<Dossier, 'components' | 'problems'>): number {
  if (dossier.problems.length > 0) return FORM_STEP;
  if (missingComponents(dossier).length > 0) return FORM_STEP;
  return REVIEW_STEP;
}

export interface FormField {
  /** Dotted path in the answers: `organisation.name`. */
  path: string;
  /** Titles from the root to the field: `Thông tin tổ chức › Tên tổ chức`. */
  label: string;
}

type SchemaNode = { type?: unknown; title?: unknown; properties?: Record<string, SchemaNode>; items?: SchemaNode };

/** Every leaf field of an e-form schema (objects are walked, arrays count as one field). */
export function formFields(schema: unknown, prefix = '', trail: string[] = []): FormField[] {
  const node = schema as SchemaNode | undefined;
  if (!node?.properties) return [];
  return Object.entries(node.properties).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const title = typeof child.title === 'string' ? child.title : key;
    if (child.properties) return formFields(child, path, [...trail, title]);
    return [{ path, label: [...trail, title].join(' › ') }];
  });
}

/** The value at a dotted path, or undefined. */
export function valueAt(answers: Answers, path: string): unknown {
  let current: unknown = answers;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** `answers.organisation.name` → `organisation.name`. */
export function problemField(path: string): string {
  return path.replace(/^(body\.)?answers\.?/, '');
}

/** "10:42" in Viet Nam time. */
export function clockTime(at: Date): string {
  return new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' }).format(at);
}

/** "28/11/2026" in Viet Nam time. */
export function vnDate(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
}

/** "10:42 28/11/2026" in Viet Nam time. */
export function vnDateTime(iso: string): string {
  return `${clockTime(new Date(iso))} ${vnDate(iso)}`;
}

/** A draft whose deletion is due within this many days is flagged. */
export const EXPIRY_WARNING_DAYS = 5;

export function expiresSoon(draftExpiresAt: string | null, now = new Date()): boolean {
  if (!draftExpiresAt) return false;
  return new Date(draftExpiresAt).getTime() - now.getTime() < EXPIRY_WARNING_DAYS * 24 * 3600 * 1000;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Extensions a person recognises, for the allowed media types. */
export function typeNames(mediaTypes: string[]): string {
  const names: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG', 'application/zip': 'ZIP', [XLSX]: 'XLSX' };
  return mediaTypes.map((t) => names[t] ?? t).join(', ');
}

/** The `accept` attribute of a file input for the allowed media types. */
export function acceptAttribute(mediaTypes: string[]): string {
  const ext: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg,.jpeg', 'image/png': '.png', 'application/zip': '.zip', [XLSX]: '.xlsx' };
  return mediaTypes.flatMap((t) => [t, ext[t] ?? '']).filter(Boolean).join(',');
}
