/**
 * Pure mapping between the shared form validation (common/forms) and React JSON Schema Form:
 * a validator with the same Ajv rules and Vietnamese messages as the server, error schemas and the
 * summary list from `{ path, message }` errors, and the uiSchema additions (Vietnamese dates,
 * read-only fields for supplement rounds).
 */
import { mapAjvErrors, type FormFieldError } from '../../../../../common/forms/field-errors';
import { walkProperties, type JsonSchema } from '../../../../../common/forms/schema-walk';
import { withRequiredSections } from '../../../../../common/forms/skeleton';
import { rootKeyOf, validateWithPrecompiled } from '../../../../../common/forms/precompiled';
import createPrecompiledValidator from '@rjsf/validator-ajv8/lib/createPrecompiledValidator.js';
import type { FormLocale } from '../../../../../common/forms/messages-vi';
import { ErrorSchemaBuilder, englishStringTranslator, TranslatableString, type ErrorSchema, type RJSFSchema, type RJSFValidationError, type ValidationData, type ValidatorType } from '@rjsf/utils';
import type { ValidateFunction } from 'ajv/dist/2020.js';

export const ID_PREFIX = 'root';
export const ID_SEPARATOR = '_';

/** 'applicant.fullName' → the id RJSF gives that field: 'root_applicant_fullName'. */
export const fieldIdOf = (path: string) => (path ? [ID_PREFIX, ...path.split('.')].join(ID_SEPARATOR) : ID_PREFIX);

/** RJSF property accessors ('.applicant.fullName', "['a-b'].c", '.items.0') → 'applicant.fullName'. */
export function pathFromProperty(property: string | undefined): string {
  if (!property) return '';
  const segments: string[] = [];
  const re = /\.([^.[\]]+)|\[(?:'([^']*)'|"([^"]*)"|(\d+))\]/g;
  for (let m = re.exec(property); m; m = re.exec(property)) segments.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return segments.join('.');
}

const toProperty = (path: string) => (path ? `.${path}` : '');

/** Errors in the shape RJSF keeps beside each field. */
export function errorSchemaOf(errors: ReadonlyArray<FormFieldError>): ErrorSchema {
  const builder = new ErrorSchemaBuilder();
  for (const e of errors) builder.addErrors(e.message, e.path ? e.path.split('.') : undefined);
  return builder.ErrorSchema;
}

export interface SummaryItem {
  message: string;
  fieldId?: string;
}

/** The summary at the top of the form: one entry per distinct message, linked to its field. */
export function summaryItems(errors: ReadonlyArray<FormFieldError>): SummaryItem[] {
  const seen = new Set<string>();
  const out: SummaryItem[] = [];
  for (const e of errors) {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e.path ? { message: e.message, fieldId: fieldIdOf(e.path) } : { message: e.message });
  }
  return out;
}

/** Server and browser errors together, server first, without repeats. */
export const mergeErrors = (...lists: Array<ReadonlyArray<FormFieldError> | undefined>): FormFieldError[] => {
  const seen = new Set<string>();
  return lists.flatMap((l) => l ?? []).filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

export const fromRjsfErrors = (errors: ReadonlyArray<RJSFValidationError>): FormFieldError[] =>
  errors.map((e) => ({ path: pathFromProperty(e.property), message: e.message ?? e.stack }));

/**
 * An RJSF validator running the shared rules without code generation: the form's validators are
 * compiled ahead on the server (Ajv standalone code, ADR 0021, loaded by `useFormValidators`).
 * The whole form is checked like `validateAnswers` (same formats, keywords and Vietnamese
 * messages as the server); the sub-schemas RJSF checks to resolve `if`/`then` and `oneOf` go
 * through RJSF's precompiled validator.
 */
export function createDossierValidator(schema: JsonSchema, validators: Record<string, ValidateFunction>, locale: FormLocale = 'vi'): ValidatorType {
  const root = validators[rootKeyOf(schema)];
  if (!root) throw new Error('The precompiled validators do not include the form itself');
  const precompiled = createPrecompiledValidator(validators as unknown as Parameters<typeof createPrecompiledValidator>[0], schema as RJSFSchema);
  return {
    validateFormData(formData: unknown): ValidationData<unknown> {
      // Untouched required sections count as empty ones: their fields are named, not the section.
      const result = validateWithPrecompiled(schema, root, withRequiredSections(schema, formData ?? {}), locale);
      const errors = result.valid ? [] : result.errors;
      return {
        errors: errors.map((e) => ({ property: toProperty(e.path), message: e.message, stack: e.message, name: 'form' })),
        errorSchema: errorSchemaOf(errors),
      };
    },
    isValid(sub: JsonSchema, formData: unknown, rootSchema: JsonSchema): boolean {
      try {
        return Boolean(precompiled.isValid(sub as RJSFSchema, formData, (rootSchema ?? schema) as RJSFSchema));
      } catch {
        // A sub-schema the server could not compile alone: treated as not matching.
        return false;
      }
    },
    rawValidation(_schema: JsonSchema, formData?: unknown) {
      root(formData);
      const errors = root.errors ? mapAjvErrors(schema, root.errors, locale) : undefined;
      root.errors = null;
      return { errors } as never;
    },
  } as ValidatorType;
}

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

export interface AccessOptions {
  /** Fields shown but not editable (a path covers everything under it). */
  readOnlyPaths?: ReadonlyArray<string>;
  /** Supplement rounds: only these fields (and everything under them) may change. */
  editablePaths?: ReadonlyArray<string>;
}

export function isEditable(path: string, o: AccessOptions): boolean {
  if (o.readOnlyPaths?.some((p) => within(path, p))) return false;
  if (o.editablePaths) return o.editablePaths.some((p) => within(path, p));
  return true;
}

/**
 * The uiSchema the renderer needs on top of the form's own: dates typed and shown as dd/mm/yyyy
 * (stored as ISO yyyy-mm-dd) with a named clear button, and `ui:readonly` on every field that may not change. Read-only is
 * set on leaves (and whole lists) so an editable field inside a read-only section stays editable.
 */
export function augmentUiSchema(schema: JsonSchema, uiSchema: JsonSchema = {}, access: AccessOptions = {}, locale: FormLocale = 'vi'): JsonSchema {
  const visit = (node: JsonSchema, ui: JsonSchema, path: string): JsonSchema => {
    const out: JsonSchema = { ...ui };
    const editable = isEditable(path, access);
    const hasEditableInside = access.editablePaths?.some((p) => within(p, path) && p !== path) ?? false;
    if (node.type === 'object' || node.properties) {
      for (const [name, child] of walkProperties(node, schema, { conditional: true })) {
        const childPath = path ? `${path}.${name}` : name;
        out[name] = visit(child, (ui[name] as JsonSchema | undefined) ?? {}, childPath);
      }
      return out;
    }
    if (node.type === 'array' && node.items && typeof node.items === 'object' && !Array.isArray(node.items) && (node.items.type === 'object' || node.items.properties)) {
      if (!editable && !hasEditableInside) {
        out['ui:readonly'] = true;
        out['ui:options'] = { ...(out['ui:options'] as object | undefined), addable: false, removable: false, orderable: false };
      }
      return out;
    }
    if (!editable) out['ui:readonly'] = true;
    if (node.type === 'string' && node.format === 'date') {
      out['ui:placeholder'] ??= 'dd/mm/yyyy';
      // The clear button is named for screen readers ("Xóa ngày đã chọn").
      const clearLabel = locale === 'en' ? 'Clear the date' : 'Xóa ngày đã chọn';
      out['ui:options'] = { valueFormat: 'YYYY-MM-DD', displayFormat: 'DD/MM/YYYY', clearable: true, clearButtonProps: { 'aria-label': clearLabel, title: clearLabel }, ...(out['ui:options'] as object | undefined) };
    }
    return out;
  };
  return visit(schema, uiSchema, '');
}

/**
 * Keeps the read-only fields of `previous` in `next` (a read-only widget cannot change them, but
 * RJSF may drop or reset values when a conditional section disappears).
 */
export function keepReadOnly(previous: Record<string, unknown>, next: Record<string, unknown>, access: AccessOptions): Record<string, unknown> {
  if (!access.readOnlyPaths?.length && !access.editablePaths) return next;
  const merge = (prev: unknown, cur: unknown, path: string): unknown => {
    if (path && !isEditable(path, access) && !(access.editablePaths?.some((p) => within(p, path)) ?? false)) return prev;
    if (cur && typeof cur === 'object' && !Array.isArray(cur) && prev && typeof prev === 'object' && !Array.isArray(prev)) {
      const out: Record<string, unknown> = { ...(cur as Record<string, unknown>) };
      for (const k of new Set([...Object.keys(prev), ...Object.keys(cur)])) {
        const v = merge((prev as Record<string, unknown>)[k], (cur as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
        if (v === undefined) delete out[k];
        else out[k] = v;
      }
      return out;
    }
    return cur;
  };
  return merge(previous, next, '') as Record<string, unknown>;
}

const viStrings: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Dòng',
  [TranslatableString.EmptyArray]: 'Chưa có dòng nào. Bấm nút bên dưới để thêm.',
  [TranslatableString.YesLabel]: 'Có',
  [TranslatableString.NoLabel]: 'Không',
  [TranslatableString.CloseLabel]: 'Đóng',
  [TranslatableString.ErrorsLabel]: 'Lỗi',
  [TranslatableString.AddButton]: 'Thêm',
  [TranslatableString.AddItemButton]: 'Thêm dòng',
  [TranslatableString.CopyButton]: 'Sao chép dòng',
  [TranslatableString.MoveDownButton]: 'Chuyển xuống',
  [TranslatableString.MoveUpButton]: 'Chuyển lên',
  [TranslatableString.RemoveButton]: 'Xóa dòng',
  [TranslatableString.NowLabel]: 'Bây giờ',
  [TranslatableString.ClearLabel]: 'Xóa',
  [TranslatableString.AriaDateLabel]: 'Chọn ngày',
  [TranslatableString.DecrementAriaLabel]: 'Giảm 1',
  [TranslatableString.IncrementAriaLabel]: 'Tăng 1',
  [TranslatableString.OptionalObjectAdd]: 'Thêm thông tin',
  [TranslatableString.OptionalObjectRemove]: 'Bỏ thông tin',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Chưa có thông tin',
  [TranslatableString.ClearButton]: 'xóa nội dung',
};

/** RJSF's own button and label texts in Vietnamese (English otherwise). */
export function translateString(locale: FormLocale) {
  return (key: TranslatableString, params?: string[]) => {
    const vi = locale === 'vi' ? viStrings[key] : undefined;
    return vi ? vi.replace(/%(\d)/g, (_m, i: string) => params?.[Number(i) - 1] ?? '') : englishStringTranslator(key, params);
  };
}
