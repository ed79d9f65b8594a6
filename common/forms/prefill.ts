/**
 * Prefilling form answers from the applicant's profile. A field opts in with the `x-prefill`
 * keyword naming a profile path; prefill only fills empty fields and never overwrites what the
 * applicant typed. Pure: used by the server (new dossier) and the browser.
 */
import { isAddressSchema } from './address-shape.js';
import { resolveRef, walkProperties, type JsonSchema } from './schema-walk.js';

/** Profile paths a form may name in `x-prefill`. */
export const PREFILL_PATHS = [
  'fullName',
  'personalIdNumber',
  'dateOfBirth',
  'address',
  'phone',
  'email',
  'organisation.name',
  'organisation.taxCode',
  'organisation.address',
  /** ORGANISATION when the dossier is filed for an organisation, else INDIVIDUAL (the form's "Người đề nghị là"). */
  'applicantKind',
] as const;
export type PrefillPath = (typeof PREFILL_PATHS)[number];

export const isPrefillPath = (v: unknown): v is PrefillPath => typeof v === 'string' && (PREFILL_PATHS as readonly string[]).includes(v);

/** What prefill knows about the applicant (the shape of GET /api/v1/me, flattened). */
export interface ApplicantProfile {
  fullName?: string | null;
  personalIdNumber?: string | null;
  dateOfBirth?: string | null;
  /** The address as one line (for a text field). */
  address?: string | null;
  /** The address by administrative units (for an address field, `"x-address": true`). */
  addressUnits?: ProfileAddressUnits | null;
  phone?: string | null;
  email?: string | null;
  /** The organisation the dossier is filed for, when filing for one. */
  organisation?: { name?: string | null; taxCode?: string | null; address?: string | null; addressUnits?: ProfileAddressUnits | null } | null;
  /** Filed for the organisation the form names by its tax code (its fields are typed, not filled). */
  organisationInForm?: boolean;
}

/** An address by units of the list, as the profile keeps it and e-forms store it. */
export interface ProfileAddressUnits {
  provinceCode: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
  detail?: string;
}

/** The part of GET /api/v1/me that prefill reads. */
export interface MeLike {
  fullName: string;
  email: string | null;
  phone: string | null;
  profile: { personalIdNumber: string | null; dateOfBirth: string | null; address: string | null; addressUnits?: ProfileAddressUnits | null };
  organisations: Array<{ id: string; name: string; taxCode: string; address?: string | null; addressUnits?: ProfileAddressUnits | null }>;
}

/** Builds the prefill profile from GET /api/v1/me, for the organisation filed for (if any). */
export function profileFromMe(me: MeLike, organisationId?: string | null): ApplicantProfile {
  const org = organisationId ? me.organisations.find((o) => o.id === organisationId) : undefined;
  return {
    fullName: me.fullName,
    email: me.email,
    phone: me.phone,
    personalIdNumber: me.profile.personalIdNumber,
    dateOfBirth: me.profile.dateOfBirth,
    address: me.profile.address,
    addressUnits: me.profile.addressUnits ?? null,
    organisation: org ? { name: org.name, taxCode: org.taxCode, address: org.address ?? null, addressUnits: org.addressUnits ?? null } : null,
  };
}

export function profileValue(profile: ApplicantProfile, path: PrefillPath): string | undefined {
  if (path === 'applicantKind') return profile.organisation || profile.organisationInForm ? 'ORGANISATION' : 'INDIVIDUAL';
  const value = path.startsWith('organisation.')
    ? profile.organisation?.[path.slice('organisation.'.length) as 'name' | 'taxCode' | 'address']
    : profile[path as Exclude<PrefillPath, `organisation.${string}` | 'applicantKind'>];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Returns a copy of `answers` where every empty field whose schema has `x-prefill` takes the
 * profile value. Nested objects are filled too (created when missing and something is filled);
 * fields inside arrays are not prefilled. An address field (`"x-address": true`) naming `address`
 * (or `organisation.address`) takes the profile's (the organisation's) administrative units; an
 * address kept as free text leaves it empty.
 */
export function prefillAnswers(schema: JsonSchema, profile: ApplicantProfile, answers: Record<string, unknown> = {}): Record<string, unknown> {
  const fill = (node: JsonSchema, current: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...current };
    for (const [name, prop] of walkProperties(node, schema)) {
      const prefill = prop['x-prefill'];
      if ((prefill === 'address' || prefill === 'organisation.address') && isAddressSchema(resolveRef(prop, schema))) {
        // An address field takes the profile's units (the organisation's head office for
        // `organisation.address`), and the street line when the field has one.
        const units = prefill === 'address' ? profile.addressUnits : profile.organisation?.addressUnits;
        const current = out[name];
        const empty = current === undefined || current === null || (isPlainObject(current) && isEmpty(current.provinceCode) && isEmpty(current.communeCode));
        if (units && empty) out[name] = addressValue(resolveRef(prop, schema), units);
      } else if (isPrefillPath(prefill)) {
        if (isEmpty(out[name])) {
          const value = profileValue(profile, prefill);
          if (value !== undefined) out[name] = value;
        }
      } else if (prop.type === 'object' || prop.properties) {
        const existing = out[name];
        if (existing !== undefined && !isPlainObject(existing)) continue;
        const filled = fill(prop, existing ?? {});
        if (existing !== undefined || Object.keys(filled).length > 0) out[name] = filled;
      }
    }
    // A branch of `if`/`then`/`else` (here or in an `allOf` member) is filled when it applies to
    // the answers so far, e.g. the organisation's block once "Người đề nghị là" is ORGANISATION.
    let result = out;
    for (const part of conditionalParts(node, schema)) {
      const verdict = ifMatches(part.if, result, schema);
      const branch = verdict === 'yes' ? part.then : verdict === 'no' ? part.else : undefined;
      if (isPlainObject(branch)) result = fill(branch, result);
    }
    return result;
  };
  return fill(schema, isPlainObject(answers) ? answers : {});
}

/** The profile's units in the shape of the address field: the street line only when it has one. */
function addressValue(field: JsonSchema, units: ProfileAddressUnits): Record<string, string> {
  const value: Record<string, string> = { provinceCode: units.provinceCode, provinceName: units.provinceName, communeCode: units.communeCode, communeName: units.communeName };
  const props = isPlainObject(field.properties) ? field.properties : {};
  if (units.detail && 'detail' in props) value.detail = units.detail;
  return value;
}

/** The nodes holding an `if` in an object schema: itself and its `allOf` members (refs followed). */
function conditionalParts(node: JsonSchema, root: JsonSchema): JsonSchema[] {
  const parts: JsonSchema[] = [];
  const visit = (n: unknown, depth: number) => {
    if (!isPlainObject(n) || depth > 10) return;
    const s = resolveRef(n, root);
    if (isPlainObject(s.if)) parts.push(s);
    if (Array.isArray(s.allOf)) for (const m of s.allOf) visit(m, depth + 1);
  };
  visit(node, 0);
  return parts;
}

/**
 * Whether answers satisfy an `if` schema, for the shapes forms use: properties with `const` or
 * `enum`. Only a verdict on answers actually given counts: 'unknown' when a property it tests
 * has no answer yet or the condition has no such test, and then no branch is filled.
 */
function ifMatches(condition: unknown, answers: Record<string, unknown>, root: JsonSchema): 'yes' | 'no' | 'unknown' {
  if (!isPlainObject(condition)) return 'unknown';
  const s = resolveRef(condition, root);
  if (!isPlainObject(s.properties)) return 'unknown';
  let tested = false;
  for (const [k, rule] of Object.entries(s.properties)) {
    if (!isPlainObject(rule) || !('const' in rule || Array.isArray(rule.enum))) continue;
    if (isEmpty(answers[k])) return 'unknown';
    tested = true;
    if ('const' in rule && answers[k] !== rule.const) return 'no';
    if (Array.isArray(rule.enum) && !rule.enum.includes(answers[k])) return 'no';
  }
  return tested ? 'yes' : 'unknown';
}

/**
 * The answers' value of the first field (not inside arrays) naming `path` in `x-prefill`, e.g. the
 * organisation's tax code the applicant typed: an address field by units reads as one line.
 */
export function prefilledFieldValue(schema: JsonSchema, answers: Record<string, unknown>, path: PrefillPath): string | undefined {
  const find = (node: JsonSchema, current: Record<string, unknown>, depth: number): string | undefined => {
    if (depth > 10) return undefined;
    for (const [name, prop] of walkProperties(node, schema, { conditional: true })) {
      const value = current[name];
      if (prop['x-prefill'] === path) {
        if (typeof value === 'string' && value.trim() !== '') return value.trim();
        if (isPlainObject(value)) {
          const line = [value.detail, value.communeName, value.provinceName].filter((v) => typeof v === 'string' && v.trim() !== '').join(', ');
          if (line) return line;
        }
        continue;
      }
      if ((prop.type === 'object' || prop.properties) && isPlainObject(value)) {
        const found = find(prop, value, depth + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return find(schema, isPlainObject(answers) ? answers : {}, 0);
}

/**
 * A copy of `answers` without the fields the organisation filed for filled (`x-prefill`
 * organisation.* and applicantKind), for when the applicant the dossier is for changes.
 */
export function withoutOrganisationPrefill(schema: JsonSchema, answers: Record<string, unknown>): Record<string, unknown> {
  const clear = (node: JsonSchema, current: Record<string, unknown>, depth: number): Record<string, unknown> => {
    if (depth > 10) return current;
    const out: Record<string, unknown> = { ...current };
    for (const [name, prop] of walkProperties(node, schema, { conditional: true })) {
      const prefill = prop['x-prefill'];
      if (typeof prefill === 'string' && (prefill.startsWith('organisation.') || prefill === 'applicantKind')) delete out[name];
      else if ((prop.type === 'object' || prop.properties) && isPlainObject(out[name])) out[name] = clear(prop, out[name] as Record<string, unknown>, depth + 1);
    }
    return out;
  };
  return clear(schema, isPlainObject(answers) ? answers : {}, 0);
}

/** Whether a field of the form (not inside arrays) names `path` in `x-prefill`, e.g. the organisation's tax code. */
export function hasPrefillField(schema: JsonSchema, path: PrefillPath): boolean {
  const find = (node: JsonSchema, depth: number): boolean =>
    depth <= 10 && walkProperties(node, schema, { conditional: true }).some(([, prop]) => prop['x-prefill'] === path || ((prop.type === 'object' || Boolean(prop.properties)) && find(prop, depth + 1)));
  return find(schema, 0);
}
