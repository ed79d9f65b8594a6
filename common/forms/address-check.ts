/**
 * Checks the addresses of e-form answers against the administrative units in force (server side;
 * the browser offers only units of the list): the province exists, the commune exists and lies in
 * that province. `withOfficialUnitNames` stores the names the list gives for the codes chosen.
 */
import { checkUnitAddress } from '../administrative-units/index.js';
import { addressAnswers } from './address-shape.js';
import type { FormLocale } from './messages-vi.js';
import { schemaAt, type JsonSchema } from './schema-walk.js';
import type { FormFieldError } from './field-errors.js';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

const titleAt = (schema: JsonSchema, path: string, fallback: string) => {
  const t: unknown = schemaAt(schema, path.split('.'))?.title;
  return typeof t === 'string' && t ? t : fallback;
};

/** Problems of the addresses whose codes are given (missing codes are reported by the schema). */
export function addressProblems(schema: JsonSchema, answers: unknown, locale: FormLocale = 'vi'): FormFieldError[] {
  const errors: FormFieldError[] = [];
  for (const { path, value } of addressAnswers(schema, answers)) {
    const provinceCode = str(value.provinceCode);
    const communeCode = str(value.communeCode);
    if (provinceCode === undefined || communeCode === undefined) continue;
    const check = checkUnitAddress({ provinceCode, communeCode });
    if (check.ok) continue;
    const fieldPath = `${path}.${check.field}`;
    const title = titleAt(schema, fieldPath, check.field);
    const message = check.reason === 'commune-outside-province'
      ? locale === 'en' ? 'is not in the province or city chosen' : 'không thuộc tỉnh, thành phố đã chọn'
      : locale === 'en' ? 'is not in the list of administrative units in force' : 'không có trong danh mục đơn vị hành chính hiện hành';
    errors.push({ path: fieldPath, message: `${title}: ${message}` });
  }
  return errors;
}

/** A copy of the answers where each valid address carries the official names of its units. */
export function withOfficialUnitNames<T>(schema: JsonSchema, answers: T): T {
  const found = addressAnswers(schema, answers);
  if (found.length === 0) return answers;
  const copy = structuredClone(answers);
  for (const { path } of found) {
    let target: unknown = copy;
    for (const seg of path ? path.split('.') : []) target = (target as Record<string, unknown>)[seg];
    const value = target as Record<string, unknown>;
    const provinceCode = str(value.provinceCode);
    const communeCode = str(value.communeCode);
    if (provinceCode === undefined || communeCode === undefined) continue;
    const check = checkUnitAddress({ provinceCode, communeCode });
    if (!check.ok) continue;
    value.provinceName = check.address.provinceName;
    value.communeName = check.address.communeName;
  }
  return copy;
}
