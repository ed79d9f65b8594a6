import '../styles';
import { Alert, Anchor, Badge, Box, Button, Checkbox, Container, Fieldset, Group, List, Loader, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { JsonSchema } from '../../../../../common/forms/schema-walk';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import type { Me } from '../../account/types';
import { RequireUser } from '../../dossiers/components/RequireUser';
import { DossierForm } from '../../dossiers/form/DossierForm';
import { FormBuilder } from '../form-builder/FormBuilder';
import { emptyForm, fromJson, toJson, type BuilderForm } from '../form-builder/model';
import { diffQuery, draftFormValidatorQuery, draftQuery, useSaveContent, useSaveForm, usePublish, useSaveWorkflow, type CatalogueDraft, type DraftContent } from '../queries';
import { designerWorkflowsQuery } from '../workflow-designer/queries';
import { api, unwrap } from '../../../api/client';
import { SectionEditor } from '../content/SectionEditor';
import { sectionErrors, sectionSchema, type Part, type SchemaTexts } from '../content/section-schema';
import { EDITOR_PATH, isCatalogueEditor, isCatalogueStaff } from './EditorHomePage';

type Problem = { path: string; message: string };
type Rec = Record<string, unknown>;

const pretty = (v: unknown) => JSON.stringify(v ?? null, null, 2);
function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Problems whose path is `path` or lies under it. */
const under = (problems: Problem[], ...paths: string[]) => problems.filter((p) => paths.some((path) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`)));

function ProblemList({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <List size="sm" c="red.9" spacing={2}>
      {problems.map((p, i) => <List.Item key={`${p.path}-${i}`}><code style={{ overflowWrap: 'anywhere' }}>{p.path}</code>: {p.message}</List.Item>)}
    </List>
  );
}

/** /bien-tap-thu-tuc/:draftId: the procedure's elements by section, its forms, workflows, the diff and publishing. */
export function DraftPage() {
  const { t } = useI18n();
  return (
    <RequireUser>
      {(me) => (isCatalogueStaff(me) ? <Draft me={me} /> : <Container size="sm" py="xl"><Text role="alert">{t.catalogueEditor.noRole}</Text></Container>)}
    </RequireUser>
  );
}

function Draft({ me }: { me: Me }) {
  const { draftId = '' } = useParams();
  const { t } = useI18n();
  const m = t.catalogueEditor;
  const draft = useQuery(draftQuery(draftId));
  if (draft.isPending) return <Container py="xl"><Loader size="sm" role="status" aria-label={t.dossiers.loading} /></Container>;
  if (draft.isError) return <Container py="xl"><ErrorState error={draft.error} onRetry={() => void draft.refetch()} /></Container>;
  const d = draft.data;
  const editable = d.status === 'DRAFT';
  return (
    <Container size="xl" py="xl">
      <Stack gap="md">
        <Anchor component={Link} to={EDITOR_PATH}>{m.back}</Anchor>
        <Group justify="space-between" wrap="wrap">
          <Title order={1}>{m.draftOf(d.procedureCode)}</Title>
          <Badge size="lg" color={d.status === 'PUBLISHED' ? 'green.9' : 'blue.9'}>{m.status[d.status]}{d.publishedVersionNo ? ` · v${d.publishedVersionNo}` : ''}</Badge>
        </Group>
        <Text>{m.basedOn(d.baseVersionNo)}</Text>
        {d.source ? (
          <Alert color="blue" role="note" title={m.fromNational(d.source.pulledAt)}>
            <Text size="sm">{m.fromNationalLead}</Text>
            <List size="sm">
              {d.source.differences.map((x) => <List.Item key={x.field}>{x.label}</List.Item>)}
            </List>
          </Alert>
        ) : null}
        {editable ? (
          <Alert color={d.problems.length ? 'orange' : 'green'} role="status">
            <Text fw={600}>{m.problems(d.problems.length)}</Text>
            <ProblemList problems={d.problems} />
          </Alert>
        ) : <Alert color="gray" role="status">{m.readOnly}</Alert>}
        <Tabs defaultValue="content" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="content">{m.tabs.content}</Tabs.Tab>
            <Tabs.Tab value="forms">{m.tabs.forms}</Tabs.Tab>
            <Tabs.Tab value="workflows">{m.tabs.workflows}</Tabs.Tab>
            <Tabs.Tab value="diff">{m.tabs.diff}</Tabs.Tab>
            <Tabs.Tab value="publish">{m.tabs.publish}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="content" pt="md"><ContentEditor draft={d} editable={editable} /></Tabs.Panel>
          <Tabs.Panel value="forms" pt="md"><FormEditor draft={d} editable={editable} /></Tabs.Panel>
          <Tabs.Panel value="workflows" pt="md"><WorkflowEditor draft={d} editable={editable} /></Tabs.Panel>
          <Tabs.Panel value="diff" pt="md"><DiffView draftId={d.id} /></Tabs.Panel>
          <Tabs.Panel value="publish" pt="md"><PublishPanel draft={d} me={me} /></Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}

/** Sections of the catalogue elements: plain fields for the general ones, forms from the exchange format's JSON Schema (or its JSON) for lists. */
const jsonSections: { key: keyof ReturnType<typeof useI18n>['t']['catalogueEditor']['sections']; part: Part; members: string[] }[] = [
  { key: 'agencies', part: 'procedure', members: ['agencies'] },
  { key: 'subjects', part: 'procedure', members: ['applicantTypes', 'implementationLevels', 'keywords', 'provenance'] },
  { key: 'legal', part: 'version', members: ['publishingDecision', 'legalBasis'] },
  { key: 'results', part: 'version', members: ['results', 'requirements', 'submissionPlaces'] },
  { key: 'cases', part: 'version', members: ['cases'] },
];

function pick(obj: Rec, members: string[]) {
  return Object.fromEntries(members.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}

type JsonState = 'ok' | 'invalid' | 'notObject';
function jsonStateOf(text: string): JsonState {
  const r = parse(text);
  if (!r.ok) return 'invalid';
  return isRecord(r.value) ? 'ok' : 'notObject';
}

function ContentEditor({ draft, editable }: { draft: CatalogueDraft; editable: boolean }) {
  const { t } = useI18n();
  const m = t.catalogueEditor;
  const f = m.contentForm;
  const save = useSaveContent(draft.id);
  const [general, setGeneral] = useState({ name: '', nameEn: '', description: '', fieldCode: '', validFrom: '' });
  // Each section's value (what its form shows and saving sends) and its JSON view: the form writes
  // the JSON; valid JSON typed by an expert replaces the value, invalid JSON leaves it as it was.
  const [values, setValues] = useState<Record<string, Rec>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    const p = draft.content.procedure as Rec;
    const v = draft.content.version as Rec;
    setGeneral({ name: String(p.name ?? ''), nameEn: String(p.nameEn ?? ''), description: String(p.description ?? ''), fieldCode: String(p.fieldCode ?? ''), validFrom: String(v.validFrom ?? '') });
    const next = Object.fromEntries(jsonSections.map((s) => [s.key, pick(s.part === 'procedure' ? p : v, s.members)]));
    setValues(next);
    setTexts(Object.fromEntries(Object.entries(next).map(([k, value]) => [k, pretty(value)])));
  }, [draft.content]);
  const schemaTexts = useMemo<SchemaTexts>(() => ({ titles: f.titles, rows: f.rows, choices: f.choices, yes: f.yes, no: f.no, datePlaceholder: f.datePlaceholder }), [f]);
  const forms = useMemo(() => Object.fromEntries(jsonSections.map((s) => [s.key, sectionSchema(s.part, s.members, schemaTexts)])), [schemaTexts]);
  const states = Object.fromEntries(jsonSections.map((s) => [s.key, jsonStateOf(texts[s.key] ?? '{}')])) as Record<string, JsonState>;
  const fieldError = (path: string) => draft.problems.filter((p) => p.path === path).map((p) => p.message).join('; ') || undefined;
  const onFormChange = (key: string, value: Rec) => {
    setValues((all) => ({ ...all, [key]: value }));
    setTexts((all) => ({ ...all, [key]: pretty(value) }));
  };
  const onJsonChange = (key: string, text: string) => {
    setTexts((all) => ({ ...all, [key]: text }));
    const r = parse(text);
    if (r.ok && isRecord(r.value)) setValues((all) => ({ ...all, [key]: r.value as Rec }));
  };

  const onSave = () => {
    setNotice(null);
    if (Object.values(states).some((state) => state !== 'ok')) {
      setNotice({ ok: false, text: `${m.jsonInvalid}. ${f.jsonKept}` });
      return;
    }
    const procedure: Rec = { ...(draft.content.procedure as Rec) };
    const version: Rec = { ...(draft.content.version as Rec) };
    for (const s of jsonSections) {
      const target = s.part === 'procedure' ? procedure : version;
      for (const k of s.members) delete target[k];
      Object.assign(target, values[s.key] ?? {});
    }
    Object.assign(procedure, { name: general.name, fieldCode: general.fieldCode });
    for (const k of ['nameEn', 'description'] as const) {
      if (general[k].trim()) procedure[k] = general[k];
      else delete procedure[k];
    }
    version.validFrom = general.validFrom;
    save.mutate({ procedure, version } as DraftContent, {
      onSuccess: () => setNotice({ ok: true, text: m.saved }),
      onError: (e) => setNotice({ ok: false, text: isApiError(e) ? e.title : m.saveFailed }),
    });
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="sec-general">
        <Title order={2} size="h3" id="sec-general" mb="sm">{m.sections.general}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={m.fields.name} value={general.name} readOnly={!editable} error={fieldError('procedure.name')} onChange={(e) => setGeneral({ ...general, name: e.currentTarget.value })} />
          <TextInput label={m.fields.nameEn} value={general.nameEn} readOnly={!editable} error={fieldError('procedure.nameEn')} onChange={(e) => setGeneral({ ...general, nameEn: e.currentTarget.value })} />
          <TextInput label={m.fields.fieldCode} value={general.fieldCode} readOnly={!editable} error={fieldError('procedure.fieldCode')} onChange={(e) => setGeneral({ ...general, fieldCode: e.currentTarget.value })} />
          <TextInput label={m.fields.validFrom} type="date" value={general.validFrom} readOnly={!editable} error={fieldError('version.validFrom')} onChange={(e) => setGeneral({ ...general, validFrom: e.currentTarget.value })} />
        </SimpleGrid>
        <Textarea mt="sm" label={m.fields.description} autosize minRows={2} value={general.description} readOnly={!editable} error={fieldError('procedure.description')} onChange={(e) => setGeneral({ ...general, description: e.currentTarget.value })} />
      </Paper>
      {jsonSections.map((s) => {
        const form = forms[s.key]!;
        const placed = sectionErrors(draft.problems, s.part, s.members, form.schema);
        const value = values[s.key] ?? {};
        return (
          <Paper key={s.key} withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby={`sec-${s.key}`}>
            <Title order={2} size="h3" id={`sec-${s.key}`} mb="sm">{m.sections[s.key]}</Title>
            <SectionEditor
              sectionKey={s.key}
              title={m.sections[s.key]}
              schema={form.schema}
              uiSchema={form.uiSchema}
              value={value}
              text={texts[s.key] ?? ''}
              jsonState={states[s.key] ?? 'ok'}
              onFormChange={(next) => onFormChange(s.key, next)}
              onJsonChange={(text) => onJsonChange(s.key, text)}
              errorSchema={placed.errorSchema}
              unplaced={placed.unplaced}
              problemCount={placed.count}
              editable={editable}
            >
              {s.key === 'cases' ? <FilledByFormChoice value={value} editable={editable} onChange={(next) => onFormChange('cases', next)} /> : null}
            </SectionEditor>
          </Paper>
        );
      })}
      {notice ? <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</Alert> : null}
      {editable ? <Group><Button onClick={onSave} loading={save.isPending}>{m.save}</Button></Group> : null}
    </Stack>
  );
}

/**
 * A checkbox per component of each case for `filledByForm` (the component the e-form stands for),
 * at most one per case: ticking one unticks the others of its case. It edits the cases' JSON.
 */
function FilledByFormChoice({ value, editable, onChange }: { value: Rec; editable: boolean; onChange: (next: Rec) => void }) {
  const { t } = useI18n();
  const m = t.catalogueEditor;
  const cases = Array.isArray(value.cases) ? (value.cases as Rec[]) : [];
  const toggle = (caseIndex: number, componentIndex: number, checked: boolean) => {
    const next = cases.map((c, i) => {
      if (i !== caseIndex || !Array.isArray(c.components)) return c;
      const components = (c.components as Rec[]).map((comp, j) => {
        const { filledByForm: _old, ...rest } = comp;
        return j === componentIndex ? (checked ? { ...rest, filledByForm: true } : rest) : rest;
      });
      return { ...c, components };
    });
    onChange({ ...value, cases: next });
  };
  return (
    <Stack gap="sm" mt="sm">
      {cases.map((c, i) =>
        Array.isArray(c.components) && c.components.length > 0 ? (
          <Fieldset key={`${String(c.code)}-${i}`} legend={m.filledByFormLegend(String(c.name ?? c.code ?? i + 1))} variant="unstyled">
            <Text size="sm" c="gray.8">{m.filledByFormHint}</Text>
            <Stack gap={6} mt={6}>
              {(c.components as Rec[]).map((comp, j) => (
                <Checkbox
                  key={j}
                  label={<span lang="vi">{String(comp.name ?? '')}</span>}
                  checked={comp.filledByForm === true}
                  disabled={!editable}
                  onChange={(e) => toggle(i, j, e.currentTarget.checked)}
                />
              ))}
            </Stack>
          </Fieldset>
        ) : null,
      )}
    </Stack>
  );
}

const caseCodesOf = (draft: CatalogueDraft) => (Array.isArray((draft.content.version as Rec).cases) ? ((draft.content.version as Rec).cases as Rec[]).map((c) => String(c.code ?? '')) : []).filter(Boolean);

function CaseSelect({ draft, value, onChange }: { draft: CatalogueDraft; value: string | null; onChange: (v: string | null) => void }) {
  const { t } = useI18n();
  return <Select label={t.catalogueEditor.caseLabel} data={caseCodesOf(draft)} value={value} onChange={onChange} allowDeselect={false} maw={280} />;
}

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const blankForm = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', title: '', properties: {} };

/** Names of a case's dossier documents (`components[].name`), offered to document references. */
const documentsOf = (draft: CatalogueDraft, caseCode: string | null) => {
  const cases = (draft.content.version as Rec).cases;
  const c = Array.isArray(cases) ? (cases as Rec[]).find((x) => x.code === caseCode) : undefined;
  return Array.isArray(c?.components) ? (c.components as Rec[]).map((x) => String(x.name ?? '')).filter(Boolean) : [];
};

function FormEditor({ draft, editable }: { draft: CatalogueDraft; editable: boolean }) {
  const { t } = useI18n();
  const m = t.catalogueEditor;
  const b = m.builder;
  const [caseCode, setCaseCode] = useState<string | null>(caseCodesOf(draft)[0] ?? null);
  const save = useSaveForm(draft.id);
  // The builder's model and the JSON view: the builder writes the JSON; valid JSON typed by an expert
  // replaces the model, invalid JSON leaves the model (and the preview) as it was.
  const [model, setModel] = useState<BuilderForm>(() => emptyForm());
  const [schemaText, setSchemaText] = useState('');
  const [uiText, setUiText] = useState('');
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [fillOk, setFillOk] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    const form = caseCode ? draft.forms[caseCode] : undefined;
    const schemaValue = (form?.schema ?? blankForm) as JsonSchema;
    const uiValue = (form?.uiSchema ?? {}) as JsonSchema;
    setModel(fromJson(schemaValue, uiValue));
    setSchemaText(pretty(schemaValue));
    setUiText(pretty(uiValue));
    setAnswers({});
    setFillOk(false);
  }, [caseCode, draft.forms]);
  const schema = parse(schemaText);
  const ui = parse(uiText);
  const jsonOk = schema.ok && ui.ok && isRecord(schema.value) && isRecord(ui.value);
  const onBuilderChange = (next: BuilderForm) => {
    setModel(next);
    const json = toJson(next);
    setSchemaText(pretty(json.schema));
    setUiText(pretty(json.uiSchema));
    setFillOk(false);
  };
  const onJsonChange = (nextSchema: string, nextUi: string) => {
    setSchemaText(nextSchema);
    setUiText(nextUi);
    setFillOk(false);
    const s = parse(nextSchema);
    const u = parse(nextUi);
    if (s.ok && u.ok && isRecord(s.value) && isRecord(u.value)) setModel(fromJson(s.value as JsonSchema, u.value as JsonSchema));
  };
  // The preview shows the builder's form (the same as the JSON when that is valid).
  const previewJson = useMemo(() => toJson(model), [model]);
  // The preview's validator is compiled on the server once typing pauses (the page generates no code).
  const [checkedText] = useDebouncedValue(JSON.stringify(previewJson.schema), 400);
  const checked = useMemo(() => (checkedText ? (JSON.parse(checkedText) as Rec) : undefined), [checkedText]);
  const validatorQuery = useQuery(draftFormValidatorQuery(checkedText, checked));
  const problems = caseCode ? under(draft.problems, `forms.${caseCode}`) : [];
  const onSave = () => {
    if (!caseCode || !jsonOk) return;
    setNotice(null);
    save.mutate({ caseCode, form: { schema: schema.value as Rec, uiSchema: ui.value as Rec } }, {
      onSuccess: () => setNotice({ ok: true, text: m.saved }),
      onError: (e) => setNotice({ ok: false, text: isApiError(e) ? e.title : m.saveFailed }),
    });
  };
  const preview = (id: string) => validatorQuery.isError ? (
    <Alert color="red" role="alert">{isApiError(validatorQuery.error) ? validatorQuery.error.title : m.previewFailed}</Alert>
  ) : (
    <DossierForm
      id={id}
      validatorUrl={validatorQuery.data?.url}
      schema={checked as JsonSchema}
      uiSchema={previewJson.uiSchema}
      answers={answers}
      onChange={(a) => { setAnswers(a); setFillOk(false); }}
      onSubmit={() => setFillOk(true)}
    >
      <Button type="submit" variant="light">{m.testFill}</Button>
    </DossierForm>
  );
  return (
    <Stack gap="md">
      <CaseSelect draft={draft} value={caseCode} onChange={setCaseCode} />
      <ProblemList problems={problems} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack>
          <Tabs defaultValue="builder" variant="outline">
            <Tabs.List>
              <Tabs.Tab value="builder">{b.tabBuilder}</Tabs.Tab>
              <Tabs.Tab value="json">{b.tabJson}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="builder" pt="sm">
              {jsonOk ? null : <Alert color="orange" role="status" mb="sm">{b.jsonKept}</Alert>}
              <FormBuilder form={model} onChange={onBuilderChange} readOnly={!editable} documents={documentsOf(draft, caseCode)} />
            </Tabs.Panel>
            <Tabs.Panel value="json" pt="sm">
              <Stack>
                <Text size="sm">{b.jsonLead}</Text>
                {jsonOk ? null : <Alert color="red" role="alert">{schema.ok && ui.ok ? b.notObject : `${m.jsonInvalid}. ${b.jsonKept}`}</Alert>}
                <Textarea label={m.schema} autosize minRows={10} maxRows={30} styles={{ input: { fontFamily: 'monospace', fontSize: '0.85rem' } }} value={schemaText} readOnly={!editable} error={schema.ok ? undefined : m.jsonInvalid} onChange={(e) => onJsonChange(e.currentTarget.value, uiText)} />
                <Textarea label={m.uiSchema} autosize minRows={4} maxRows={20} styles={{ input: { fontFamily: 'monospace', fontSize: '0.85rem' } }} value={uiText} readOnly={!editable} error={ui.ok ? undefined : m.jsonInvalid} onChange={(e) => onJsonChange(schemaText, e.currentTarget.value)} />
              </Stack>
            </Tabs.Panel>
          </Tabs>
          {notice ? <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</Alert> : null}
          {editable ? <Group><Button onClick={onSave} loading={save.isPending} disabled={!jsonOk}>{m.saveForm}</Button></Group> : null}
        </Stack>
        <Stack component="section" aria-labelledby="preview-title">
          <Title order={2} size="h3" id="preview-title">{m.preview}</Title>
          {fillOk ? <Alert color="green" role="status">{m.testFillOk}</Alert> : null}
          <Tabs defaultValue="phone">
            <Tabs.List>
              <Tabs.Tab value="phone">{m.previewPhone}</Tabs.Tab>
              <Tabs.Tab value="desktop">{m.previewDesktop}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="phone" pt="sm">
              <Box data-testid="preview-phone" w={360} maw="100%" p="sm" style={{ border: '1px solid var(--mantine-color-gray-5)', borderRadius: 8 }}>{preview('preview-phone-form')}</Box>
            </Tabs.Panel>
            <Tabs.Panel value="desktop" pt="sm">
              <Box data-testid="preview-desktop" p="sm" style={{ border: '1px solid var(--mantine-color-gray-5)', borderRadius: 8 }}>{preview('preview-desktop-form')}</Box>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

type Step = { id?: string; name?: string; role?: string; unit?: string; allowance?: { amount?: number; unit?: string }; actions?: { action?: string; kind?: string; to?: string | null; label?: string; agency?: string; effect?: string }[] };

function WorkflowEditor({ draft, editable }: { draft: CatalogueDraft; editable: boolean }) {
  const { t } = useI18n();
  const m = t.catalogueEditor;
  const [caseCode, setCaseCode] = useState<string | null>(caseCodesOf(draft)[0] ?? null);
  const save = useSaveWorkflow(draft.id);
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    const wf = caseCode ? draft.workflows[caseCode] : undefined;
    setText(pretty(wf ?? { name: '', steps: [] }));
  }, [caseCode, draft.workflows]);
  const parsed = parse(text);
  const steps = useMemo(() => (parsed.ok && Array.isArray((parsed.value as { steps?: unknown }).steps) ? (parsed.value as { steps: Step[] }).steps : []), [parsed]);
  const problems = caseCode ? under(draft.problems, `workflows.${caseCode}`) : [];
  // A workflow a process designer built and published in the designer, copied into this case.
  const published = useQuery({ ...designerWorkflowsQuery(), enabled: editable });
  const [source, setSource] = useState<string | null>(null);
  const [copying, setCopying] = useState(false);
  const onCopy = async () => {
    if (!source) return;
    setNotice(null);
    setCopying(true);
    try {
      const wf = await unwrap(api.GET('/api/v1/admin/catalogue/workflows/{code}', { params: { path: { code: source } } }));
      setText(pretty({ name: wf.name, steps: wf.steps }));
      setNotice({ ok: true, text: m.copiedWorkflow(wf.code, wf.versionInForce) });
    } catch (e) {
      setNotice({ ok: false, text: isApiError(e) ? e.title : m.saveFailed });
    } finally {
      setCopying(false);
    }
  };
  const onSave = () => {
    if (!caseCode || !parsed.ok) return;
    setNotice(null);
    save.mutate({ caseCode, workflow: parsed.value as { name: string; steps: Rec[] } }, {
      onSuccess: () => setNotice({ ok: true, text: m.saved }),
      onError: (e) => setNotice({ ok: false, text: isApiError(e) ? (e.errors[0]?.message ?? e.title) : m.saveFailed }),
    });
  };
  return (
    <Stack gap="md">
      <CaseSelect draft={draft} value={caseCode} onChange={setCaseCode} />
      {caseCode && !draft.workflows[caseCode] ? <Text>{m.defaultWorkflow}</Text> : null}
      {editable ? (
        <Group align="flex-end" wrap="wrap">
          <Select
            label={m.copyFromDesigner}
            description={m.copyFromDesignerHint}
            data={(published.data ?? []).filter((w) => w.versionInForce !== null).map((w) => ({ value: w.code, label: `${w.name} (${w.code})` }))}
            value={source}
            onChange={setSource}
            searchable
            maw={520}
            w="100%"
          />
          <Button variant="light" onClick={() => void onCopy()} loading={copying} disabled={!source}>{m.copyWorkflow}</Button>
        </Group>
      ) : null}
      <ProblemList problems={problems} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack>
          <Textarea label={m.workflowJson} autosize minRows={10} maxRows={40} styles={{ input: { fontFamily: 'monospace', fontSize: '0.85rem' } }} value={text} readOnly={!editable} error={parsed.ok ? undefined : m.jsonInvalid} onChange={(e) => setText(e.currentTarget.value)} />
          {notice ? <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</Alert> : null}
          {editable ? <Group><Button onClick={onSave} loading={save.isPending} disabled={!parsed.ok}>{m.saveWorkflow}</Button></Group> : null}
        </Stack>
        <section aria-labelledby="steps-title">
          <Title order={2} size="h3" id="steps-title" mb="sm">{m.steps}</Title>
          <Stack gap="xs">
            {steps.map((s, i) => (
              <Paper key={`${s.id}-${i}`} withBorder p="sm">
                <Text fw={600}>{i + 1}. {s.name} <code>{s.id}</code></Text>
                <Text size="sm">{m.stepRole}: {t.admin.roles[s.role ?? ''] ?? s.role} · {m.stepUnit}: {s.unit} · {m.stepAllowance}: {s.allowance?.amount} {s.allowance?.unit}</Text>
                <List size="sm">
                  {(s.actions ?? []).map((a, j) => (
                    <List.Item key={`${a.action}-${j}`}>{a.label} — {a.kind}{a.to ? ` → ${a.to}` : ''}{a.agency ? ` (${a.agency})` : ''}{a.effect ? ` [${a.effect}]` : ''}</List.Item>
                  ))}
                </List>
              </Paper>
            ))}
          </Stack>
        </section>
      </SimpleGrid>
    </Stack>
  );
}

const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function DiffView({ draftId }: { draftId: string }) {
  const { t } = useI18n();
  const m = t.catalogueEditor;
  const diff = useQuery(diffQuery(draftId));
  if (diff.isPending) return <Loader size="sm" role="status" aria-label={t.dossiers.loading} />;
  if (diff.isError) return <ErrorState error={diff.error} onRetry={() => void diff.refetch()} />;
  return (
    <Stack>
      <Title order={2} size="h3">{m.diffTitle}{diff.data.versionInForce ? ` (v${diff.data.versionInForce})` : ''}</Title>
      {diff.data.entries.length === 0 ? <Text>{m.diffNone}</Text> : (
                  <Table striped layout="fixed" style={{ wordBreak: 'break-word' }}>
            <Table.Thead><Table.Tr><Table.Th>{m.diffPath}</Table.Th><Table.Th>{m.before}</Table.Th><Table.Th>{m.after}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {diff.data.entries.map((e) => (
                <Table.Tr key={e.path}>
                  <Table.Td><Badge variant="light" color={e.change === 'ADDED' ? 'green.9' : e.change === 'REMOVED' ? 'red.9' : 'orange.9'} mr="xs">{m.change[e.change]}</Badge><code>{e.path}</code></Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{show(e.before)}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{show(e.after)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
              )}
    </Stack>
  );
}

function PublishPanel({ draft, me }: { draft: CatalogueDraft; me: Me }) {
  const { t } = useI18n();
  const m = t.catalogueEditor;
  const publish = usePublish(draft.id);
  const [error, setError] = useState<string | null>(null);
  if (draft.status === 'PUBLISHED') return <Alert color="green" role="status">{m.published(draft.publishedVersionNo ?? 0)}</Alert>;
  if (draft.status !== 'DRAFT') return <Text>{m.readOnly}</Text>;
  if (!isCatalogueEditor(me)) return <Text>{m.notEditor}</Text>;
  if (draft.editorUserIds.includes(me.id)) return <Text>{m.ownDraft}</Text>;
  return (
    <Stack>
      {error ? <Alert color="red" role="alert">{error}</Alert> : null}
      <Group>
        <Button color="green.9" loading={publish.isPending} onClick={() => {
          setError(null);
          publish.mutate(undefined, { onError: (e) => setError(isApiError(e) ? [e.title, ...e.errors.map((x) => `${x.path}: ${x.message}`)].join(' — ') : m.saveFailed) });
        }}>{m.publish}</Button>
      </Group>
    </Stack>
  );
}
