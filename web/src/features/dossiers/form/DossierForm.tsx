/**
 * The e-form of a dossier: renders a form's JSON Schema + uiSchema with React JSON Schema Form and
 * its Mantine theme, validates with the same rules and Vietnamese messages as the server, shows
 * each error beside its field and all of them in a summary at the top with links to the fields.
 * For supplement rounds, `editablePaths` leaves only the named fields editable.
 */
import { Alert, Loader, Stack } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import Form from '@rjsf/mantine';
import type { IChangeEvent } from '@rjsf/core';
import type { RJSFValidationError } from '@rjsf/utils';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/vi';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { sortByFormOrder } from '../../../../../common/forms/answers';
import type { FormFieldError } from '../../../../../common/forms/field-errors';
import type { JsonSchema } from '../../../../../common/forms/schema-walk';
import { withRequiredSections } from '../../../../../common/forms/skeleton';
import { useI18n } from '../../../i18n/context';
import { ErrorSummary } from '../../account/components/ErrorSummary';
import {
  augmentUiSchema, createDossierValidator, errorSchemaOf, fromRjsfErrors, ID_PREFIX, ID_SEPARATOR, keepReadOnly, mergeErrors, summaryItems,
  translateString,
} from './form-mapping';
import './form-styles';
import { useFormValidators } from './useFormValidators';
import { formTemplates } from './templates';
import { AddressField } from './AddressField';
import { sumRules, withSums } from './derived-sums';
import { completeTaxCode, getAt, lookupEnterprise, registryLookups, setAt } from './registry-lookup';
import classes from './DossierForm.module.css';

dayjs.extend(customParseFormat);

/** Custom fields named by `ui:field` in the seeded forms. */
const formFields = { administrativeAddress: AddressField };

export interface DossierFormProps {
  /** The case's JSON Schema (draft 2020-12). */
  schema: JsonSchema;
  /** The case's uiSchema (order, widgets, help text). */
  uiSchema?: JsonSchema;
  /** Current answers (controlled). */
  answers: Record<string, unknown>;
  onChange: (answers: Record<string, unknown>) => void;
  /** Called with the answers when they pass validation and the applicant submits. */
  onSubmit?: (answers: Record<string, unknown>) => void;
  /** Field errors from the server (`errors[]` of a problem+json answer), shown beside the fields. */
  errors?: ReadonlyArray<FormFieldError>;
  /** Fields shown but not editable. */
  readOnlyPaths?: ReadonlyArray<string>;
  /** Supplement rounds: only these fields may change. */
  editablePaths?: ReadonlyArray<string>;
  /** The whole form read-only (a filed dossier). */
  disabled?: boolean;
  /** The submit area; defaults to a "Gửi" button. Pass `<></>` to hide it. */
  children?: ReactNode;
  /** Id of the <form> element, so a button elsewhere can submit it (`form="…"`). */
  id?: string;
  /** Where the form's precompiled validators are served (`form.validator` of a dossier); undefined while not known yet, null when there are none. */
  validatorUrl?: string | null;
  /** Told once the form is on the page with its validators (a submit button outside the form waits for it). */
  onReady?: () => void;
}

export function DossierForm({ schema, uiSchema, answers, onChange, onSubmit, errors, readOnlyPaths, editablePaths, disabled, children, id, validatorUrl, onReady }: DossierFormProps) {
  const { lang, t } = useI18n();
  const locale = lang === 'en' ? 'en' : 'vi';
  const loaded = useFormValidators(validatorUrl ?? undefined);
  const validator = useMemo(() => {
    if (!loaded.data) return undefined;
    try {
      return createDossierValidator(schema, loaded.data, locale);
    } catch {
      return undefined; // validators of another schema (the editor's preview while the new one loads)
    }
  }, [loaded.data, schema, locale]);
  useEffect(() => {
    if (validator) onReady?.();
  }, [validator, onReady]);
  const translate = useMemo(() => translateString(locale), [locale]);
  const access = useMemo(() => ({ readOnlyPaths, editablePaths }), [readOnlyPaths, editablePaths]);
  // The organisation's details from the business registry once its tax code is complete.
  const lookups = useMemo(() => (disabled ? [] : registryLookups(uiSchema)), [uiSchema, disabled]);
  const [lookupNotes, setLookupNotes] = useState<Record<string, string>>({});
  const lookedUp = useRef(new Map<string, string>());
  // What the form computes for the applicant (a total of rows), still editable.
  const sums = useMemo(() => (disabled ? [] : sumRules(uiSchema)), [uiSchema, disabled]);
  const latestAnswers = useRef(answers);
  latestAnswers.current = answers;
  const ui = useMemo(() => {
    let out: Record<string, unknown> = {
      ...augmentUiSchema(schema, uiSchema, access, locale),
      'ui:submitButtonOptions': { norender: children !== undefined || !onSubmit, submitText: locale === 'en' ? 'Submit' : 'Gửi' },
    };
    // What the lookup found (or why not) is the tax code's help text, read with the field.
    for (const l of lookups) {
      const note = lookupNotes[l.path];
      if (!note) continue;
      const node = (getAt(out, l.path) ?? {}) as Record<string, unknown>;
      const field = (node[l.taxCode] ?? {}) as Record<string, unknown>;
      out = setAt(out, l.path, { ...node, [l.taxCode]: { ...field, 'ui:help': note } });
    }
    return out;
  }, [schema, uiSchema, access, children, onSubmit, locale, lookups, lookupNotes]);
  const [clientErrors, setClientErrors] = useState<FormFieldError[]>([]);
  const [attempt, setAttempt] = useState(0);

  // Required sections and the first row of required repeatable sections are there from the start,
  // so the first "Tiếp tục" names every missing field inside them.
  const formData = useMemo(() => withRequiredSections(schema, answers), [schema, answers]);
  const formContext = useMemo(() => ({ locale }), [locale]);
  // The summary lists problems in the order the form shows the fields.
  const all = useMemo(() => sortByFormOrder(schema, uiSchema, mergeErrors(errors, clientErrors)), [schema, uiSchema, errors, clientErrors]);
  const extraErrors = useMemo(() => errorSchemaOf(errors ?? []), [errors]);
  // New server errors move focus to the summary, like a failed submission.
  useEffect(() => {
    if (errors?.length) setAttempt((n) => n + 1);
  }, [errors]);

  const runLookups = useCallback(
    (next: Record<string, unknown>) => {
      for (const l of lookups) {
        const code = completeTaxCode(getAt(next, l.path ? `${l.path}.${l.taxCode}` : l.taxCode));
        if (!code) {
          // Emptied (another applicant chosen): the same code typed again is looked up again.
          lookedUp.current.delete(l.path);
          continue;
        }
        if (lookedUp.current.get(l.path) === code) continue;
        lookedUp.current.set(l.path, code);
        setLookupNotes((n) => ({ ...n, [l.path]: t.dossiers.registryLooking }));
        void lookupEnterprise(code, l.fill).then((result) => {
          if (lookedUp.current.get(l.path) !== code) return; // another code was typed meanwhile
          if (result.kind === 'found') {
            const current = (getAt(latestAnswers.current, l.path) ?? {}) as Record<string, unknown>;
            onChange(setAt(latestAnswers.current, l.path, { ...current, ...result.values }));
            setLookupNotes((n) => ({ ...n, [l.path]: t.dossiers.registryFound(result.name) }));
          } else {
            setLookupNotes((n) => ({ ...n, [l.path]: result.message }));
          }
        });
      }
    },
    [lookups, onChange, t],
  );
  // A tax code already there when the form opens (the profile's organisation, a draft continued,
  // another applicant chosen) is looked up as if it had just been typed.
  useEffect(() => {
    if (lookups.length) runLookups(answers);
  }, [answers, lookups, runLookups]);
  const handleChange = useCallback(
    (event: IChangeEvent) => {
      const changed = keepReadOnly(answers, (event.formData ?? {}) as Record<string, unknown>, access);
      onChange(sums.length ? withSums(sums, answers, changed) : changed);
    },
    [answers, onChange, access, sums],
  );
  const handleError = useCallback((list: RJSFValidationError[]) => {
    setClientErrors(fromRjsfErrors(list));
    setAttempt((n) => n + 1);
  }, []);
  const handleSubmit = useCallback(
    (event: IChangeEvent) => {
      setClientErrors([]);
      onSubmit?.((event.formData ?? {}) as Record<string, unknown>);
    },
    [onSubmit],
  );

  if (!validator) {
    if (validatorUrl === null || loaded.isError) {
      return (
        <Alert color="red" role="alert">
          {locale === 'en'
            ? 'The form could not be loaded: its checks are missing. Reload the page; if it persists, contact the agency.'
            : 'Chưa tải được biểu mẫu (thiếu bộ kiểm tra dữ liệu). Hãy tải lại trang; nếu vẫn lỗi, hãy liên hệ cơ quan giải quyết.'}
        </Alert>
      );
    }
    return <Loader size="sm" role="status" aria-label={locale === 'en' ? 'Loading the form' : 'Đang tải biểu mẫu'} />;
  }

  return (
    <DatesProvider settings={{ locale: locale === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
      <Stack gap="md" className={classes.root}>
        <ErrorSummary items={summaryItems(all)} attempt={attempt} />
        <Form
          id={id}
          schema={schema}
          uiSchema={ui}
          formData={formData}
          formContext={formContext}
          templates={formTemplates}
          fields={formFields}
          validator={validator}
          onChange={handleChange}
          onSubmit={handleSubmit}
          onError={handleError}
          extraErrors={extraErrors}
          extraErrorsBlockSubmit={false}
          showErrorList={false}
          noHtml5Validate
          disabled={disabled}
          idPrefix={ID_PREFIX}
          idSeparator={ID_SEPARATOR}
          translateString={translate}
          experimental_defaultFormStateBehavior={{ emptyObjectFields: 'skipDefaults' }}
        >
          {children}
        </Form>
      </Stack>
    </DatesProvider>
  );
}
