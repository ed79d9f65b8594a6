/**
 * An e-form's organisation filled from the national business registry: an object whose uiSchema
 * names `ui:options.businessRegistry` ({ taxCode: field, fill: { field: registry path } }) looks the
 * tax code up once it is complete (10 digits, or 13 for a dependent unit) and fills the named
 * fields from the answer (name, head office by administrative units, legal representative's position).
 */
import type { JsonSchema } from '../../../../../common/forms/schema-walk';
import { api, unwrap } from '../../../api/client';
import { isApiError, errorTitle } from '../../../api/problem';

export interface RegistryLookup {
  /** Dotted path of the object holding the tax code ('' = the form itself). */
  path: string;
  taxCode: string;
  fill: Record<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object of the uiSchema that asks for the registry lookup (not inside arrays). */
export function registryLookups(uiSchema: JsonSchema | undefined, path = ''): RegistryLookup[] {
  if (!isRecord(uiSchema)) return [];
  const out: RegistryLookup[] = [];
  const options = isRecord(uiSchema['ui:options']) ? uiSchema['ui:options'] : undefined;
  const spec = options && isRecord(options.businessRegistry) ? options.businessRegistry : undefined;
  if (spec && typeof spec.taxCode === 'string' && isRecord(spec.fill)) {
    out.push({ path, taxCode: spec.taxCode, fill: Object.fromEntries(Object.entries(spec.fill).filter((e): e is [string, string] => typeof e[1] === 'string')) });
  }
  for (const [key, child] of Object.entries(uiSchema)) {
    if (key.startsWith('ui:') || key === 'items') continue;
    out.push(...registryLookups(child as JsonSchema, path ? `${path}.${key}` : key));
  }
  return out;
}

export const getAt = (value: unknown, path: string): unknown => (path ? path.split('.').reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), value) : value);

export function setAt(root: Record<string, unknown>, path: string, value: Record<string, unknown>): Record<string, unknown> {
  if (!path) return value;
  const [head, ...rest] = path.split('.');
  const current = isRecord(root[head!]) ? (root[head!] as Record<string, unknown>) : {};
  return { ...root, [head!]: rest.length ? setAt(current, rest.join('.'), value) : value };
}

/** The tax code as the registry takes it, or null while incomplete. */
export function completeTaxCode(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const digits = v.trim();
  return /^[0-9]{10}(-?[0-9]{3})?$/.test(digits) ? digits.replace('-', '') : null;
}

export type LookupResult = { kind: 'found'; name: string; values: Record<string, unknown> } | { kind: 'not_found' | 'unavailable'; message: string };

export async function lookupEnterprise(taxCode: string, fill: Record<string, string>, signal?: AbortSignal): Promise<LookupResult> {
  try {
    const enterprise = await unwrap(api.GET('/api/v1/business-registry/enterprises/{taxCode}', { params: { path: { taxCode } }, signal }));
    const values: Record<string, unknown> = {};
    for (const [field, source] of Object.entries(fill)) {
      const v = getAt(enterprise, source);
      if (v !== undefined && v !== null && v !== '') values[field] = v;
    }
    return { kind: 'found', name: enterprise.name, values };
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    if (isApiError(e) && e.status === 404) return { kind: 'not_found', message: e.detail || e.title };
    return { kind: 'unavailable', message: isApiError(e) ? (e.detail || e.title) : errorTitle(e) };
  }
}
