/**
 * One list section of the draft page (agencies, subjects, legal basis, results, cases): a form
 * rendered by React JSON Schema Form from the draft's JSON Schema, or the exchange format's JSON
 * for experts, kept in sync as the form builder does. The server's problems show beside their
 * fields; those without a shown field are listed under the section.
 */
import { Alert, List, Stack, Tabs, Text, Textarea } from '@mantine/core';
import Form from '@rjsf/mantine';
import type { IChangeEvent } from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, ValidatorType } from '@rjsf/utils';
import { useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/context';
import { translateString } from '../../dossiers/form/form-mapping';
import '../../dossiers/form/form-styles';
import { formTemplates } from '../../dossiers/form/templates';
import type { Problem, Rec } from './section-schema';
import classes from './SectionForm.module.css';

/**
 * RJSF needs a validator; the draft's checks are the server's (the same as an import, in
 * Vietnamese, returned as the draft's problems), and the page generates no code (no 'unsafe-eval').
 * The section schemas have no conditions or alternatives a validator would have to decide.
 */
export const serverChecked: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => true,
  rawValidation: () => ({}),
};

export type SectionView = 'form' | 'json';

export interface SectionEditorProps {
  /** Section key: the form's id prefix and the section's heading id. */
  sectionKey: string;
  title: string;
  schema: Rec;
  uiSchema: Rec;
  value: Rec;
  text: string;
  jsonState: 'ok' | 'invalid' | 'notObject';
  onFormChange: (value: Rec) => void;
  onJsonChange: (text: string) => void;
  errorSchema: Rec;
  unplaced: Problem[];
  problemCount: number;
  editable: boolean;
  /** Shown under the form (the e-form component choice of the cases). */
  children?: ReactNode;
}

export function SectionEditor({ sectionKey, title, schema, uiSchema, value, text, jsonState, onFormChange, onJsonChange, errorSchema, unplaced, problemCount, editable, children }: SectionEditorProps) {
  const { lang, t } = useI18n();
  const m = t.catalogueEditor;
  const f = m.contentForm;
  const locale = lang === 'en' ? 'en' : 'vi';
  const [view, setView] = useState<SectionView>('form');
  const translate = useMemo(() => translateString(locale), [locale]);
  const formContext = useMemo(() => ({ locale }), [locale]);
  const onChange = (event: IChangeEvent) => onFormChange((event.formData ?? {}) as Rec);
  return (
    <Stack gap="sm">
      {problemCount > 0 ? <Text size="sm" c="red.9" fw={600}>{f.problemsIn(problemCount)}</Text> : null}
      {unplaced.length ? (
        <div>
          <Text size="sm" c="red.9">{f.unplaced}</Text>
          <List size="sm" c="red.9" spacing={2}>
            {unplaced.map((p, i) => <List.Item key={`${p.path}-${i}`}><code style={{ overflowWrap: 'anywhere' }}>{p.path}</code>: {p.message}</List.Item>)}
          </List>
        </div>
      ) : null}
      <Tabs value={view} onChange={(v) => setView((v as SectionView | null) ?? 'form')} variant="outline" keepMounted={false}>
        <Tabs.List aria-label={f.viewsLabel(title)}>
          <Tabs.Tab value="form">{f.viewForm}</Tabs.Tab>
          <Tabs.Tab value="json">{f.viewJson}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="form" pt="sm">
          <div className={classes.root} data-testid={`section-form-${sectionKey}`}>
            {jsonState === 'ok' ? null : <Alert color="orange" role="status" mb="sm">{f.jsonKept}</Alert>}
            <Form
              schema={schema as RJSFSchema}
              uiSchema={uiSchema}
              formData={value}
              formContext={formContext}
              templates={formTemplates}
              validator={serverChecked}
              onChange={onChange}
              onSubmit={() => undefined}
              extraErrors={errorSchema as ErrorSchema}
              extraErrorsBlockSubmit={false}
              showErrorList={false}
              noHtml5Validate
              noValidate
              readonly={!editable}
              idPrefix={`f${sectionKey}`}
              idSeparator="_"
              translateString={translate}
              experimental_defaultFormStateBehavior={{ arrayMinItems: { populate: 'never' }, emptyObjectFields: 'skipDefaults' }}
            >
              <></>
            </Form>
          </div>
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="sm">
          <Stack gap="xs">
            <Text size="sm">{f.jsonLead}</Text>
            {jsonState === 'ok' ? null : <Alert color="red" role="alert">{jsonState === 'notObject' ? f.notObject : `${m.jsonInvalid}. ${f.jsonKept}`}</Alert>}
            <Textarea
              label={title}
              description={m.jsonHint}
              autosize minRows={4} maxRows={24}
              styles={{ input: { fontFamily: 'monospace', fontSize: '0.85rem' } }}
              value={text}
              readOnly={!editable}
              error={jsonState === 'ok' ? undefined : m.jsonInvalid}
              onChange={(e) => onJsonChange(e.currentTarget.value)}
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {children}
    </Stack>
  );
}
