/**
 * The form builder of the draft page: a palette of field kinds, and per field its label, help,
 * required flag, choices, prefill source, condition "show when", move up/down and delete. Edits a
 * `BuilderForm` (model.ts); the page turns it into the form's JSON. Buttons, not drag and drop,
 * so every action works from the keyboard and is named for screen readers.
 */
import { ActionIcon, Badge, Button, Checkbox, Fieldset, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../../i18n/context';
import {
  addField, conditionSources, FIELD_KINDS, keyFromLabel, moveField, newField, removeField, replaceField, PREFILL_FOR,
  type BuilderField, type BuilderForm, type ConditionValue, type FieldKind, type FieldPath,
} from './model';

type Texts = ReturnType<typeof useI18n>['t']['catalogueEditor']['builder'];

export interface FormBuilderProps {
  form: BuilderForm;
  onChange: (form: BuilderForm) => void;
  readOnly?: boolean;
  /** Names of the case's dossier documents, offered as the choices of a document reference. */
  documents?: string[];
}

const allKeys = (fields: BuilderField[]): Set<string> => new Set(fields.flatMap((f) => [f.key, ...allKeys(f.fields ?? [])]));

function addNew(form: BuilderForm, parent: FieldPath, kind: FieldKind, b: Texts, documents: string[]): { fields: BuilderField[]; key: string } {
  const label = b.newLabel(b.kinds[kind] ?? kind);
  const key = keyFromLabel(b.kinds[kind] ?? kind, allKeys(form.fields));
  const field = newField(kind, key, label);
  if (kind === 'file' && documents.length) field.options = documents.map((d, i) => ({ value: `giay-to-${i + 1}`, title: d }));
  return { fields: addField(form.fields, parent, field), key };
}

export function FormBuilder({ form, onChange, readOnly, documents = [] }: FormBuilderProps) {
  const { t } = useI18n();
  const b = t.catalogueEditor.builder;
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const add = (parent: FieldPath, kind: FieldKind) => {
    const next = addNew(form, parent, kind, b, documents);
    onChange({ ...form, fields: next.fields });
    setFocusKey(next.key);
  };
  return (
    <Stack gap="md">
      <TextInput label={b.formTitle} value={form.title} readOnly={readOnly} onChange={(e) => onChange({ ...form, title: e.currentTarget.value })} />
      {readOnly ? null : (
        <Paper withBorder p="sm" component="section" aria-labelledby="palette-title">
          <Title order={3} size="h4" id="palette-title">{b.palette}</Title>
          <Text size="sm" mb="xs">{b.paletteLead}</Text>
          <Group gap="xs">
            {FIELD_KINDS.map((kind) => (
              <Button key={kind} size="xs" variant="light" onClick={() => add([], kind)}>+ {b.kinds[kind]}</Button>
            ))}
          </Group>
        </Paper>
      )}
      {form.fields.length === 0 ? <Text>{b.empty}</Text> : (
        <FieldList fields={form.fields} path={[]} form={form} onChange={onChange} readOnly={readOnly} onAdd={add} focusKey={focusKey} />
      )}
    </Stack>
  );
}

interface ListProps {
  fields: BuilderField[];
  path: FieldPath;
  form: BuilderForm;
  onChange: (form: BuilderForm) => void;
  readOnly?: boolean | undefined;
  onAdd: (parent: FieldPath, kind: FieldKind) => void;
  focusKey: string | null;
}

function FieldList({ fields, path, form, onChange, readOnly, onAdd, focusKey }: ListProps) {
  return (
    <Stack gap="sm">
      {fields.map((f, i) => (
        <FieldCard key={f.key} field={f} index={i} siblings={fields} path={[...path, f.key]} form={form} onChange={onChange} readOnly={readOnly} onAdd={onAdd} focusKey={focusKey} />
      ))}
    </Stack>
  );
}

const valueText = (v: ConditionValue, b: Texts) => (v === true ? b.yes : v === false ? b.no : String(v));

function FieldCard({ field, index, siblings, path, form, onChange, readOnly, onAdd, focusKey }: Omit<ListProps, 'fields'> & { field: BuilderField; index: number; siblings: BuilderField[] }) {
  const { t } = useI18n();
  const b = t.catalogueEditor.builder;
  const name = field.label || b.untitled;
  const set = (next: BuilderField) => onChange({ ...form, fields: replaceField(form.fields, path, next) });
  const patch = (p: Partial<BuilderField>) => set({ ...field, ...p });
  const idBase = `fb-${path.join('-')}`;
  const sources = conditionSources(siblings, field);
  const source = field.showWhen ? siblings.find((s) => s.key === field.showWhen!.field) : undefined;
  const prefillPaths = PREFILL_FOR[field.kind];
  const container = field.kind === 'section' || field.kind === 'group';
  const [addKind, setAddKind] = useState<string | null>('text');

  const conditionValueInput = () => {
    if (!field.showWhen || !source) return null;
    const label = b.equals;
    const cur = field.showWhen.equals;
    const setValue = (equals: ConditionValue) => patch({ showWhen: { field: source.key, equals } });
    if (source.kind === 'select' || source.kind === 'file') {
      return <Select label={label} data={(source.options ?? []).map((o) => ({ value: o.value, label: o.title }))} value={String(cur)} allowDeselect={false} readOnly={readOnly} onChange={(v) => v !== null && setValue(v)} />;
    }
    if (source.kind === 'checkbox') {
      return <Select label={label} data={[{ value: 'true', label: b.yes }, { value: 'false', label: b.no }]} value={String(cur)} allowDeselect={false} readOnly={readOnly} onChange={(v) => setValue(v === 'true')} />;
    }
    if (source.kind === 'number') return <NumberInput label={label} value={typeof cur === 'number' ? cur : ''} readOnly={readOnly} onChange={(v) => setValue(typeof v === 'number' ? v : 0)} />;
    return <TextInput label={label} value={String(cur)} readOnly={readOnly} onChange={(e) => setValue(e.currentTarget.value)} />;
  };

  const defaultValueOf = (s: BuilderField): ConditionValue => (s.kind === 'checkbox' ? true : s.kind === 'number' ? 0 : s.options?.[0]?.value ?? '');

  return (
    <Paper withBorder p="sm" data-testid={`builder-field-${path.join('.')}`}>
      <Fieldset variant="unstyled" legend={<Group gap="xs"><Text fw={600} component="span">{index + 1}. {name}</Text><Badge variant="light" color="blue.9">{b.kinds[field.kind]}</Badge>{field.required ? <Badge variant="light" color="red.9">{b.required}</Badge> : null}</Group>}>
        <Stack gap="xs" mt="xs">
          {field.showWhen ? <Text size="sm" c="blue.9">{b.conditionNote(source?.label ?? field.showWhen.field, source?.options?.find((o) => o.value === field.showWhen!.equals)?.title ?? valueText(field.showWhen.equals, b))}</Text> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <TextInput id={`${idBase}-label`} label={b.label} value={field.label} readOnly={readOnly} autoFocus={focusKey === field.key} onChange={(e) => patch({ label: e.currentTarget.value })} />
            <TextInput label={b.key} value={field.key} readOnly variant="filled" styles={{ input: { fontFamily: 'monospace' } }} />
          </SimpleGrid>
          <TextInput label={b.help} value={field.help ?? ''} readOnly={readOnly} onChange={(e) => {
            const help = e.currentTarget.value;
            const { help: _old, ...rest } = field;
            set(help ? { ...rest, help } : rest);
          }} />
          <Checkbox label={b.required} checked={field.required} disabled={readOnly} onChange={(e) => {
            const required = e.currentTarget.checked;
            // A required table needs a row: minItems 1, as the seeded forms write it.
            if (field.kind === 'group') {
              const { minItems: _m, ...rest } = field.extra;
              patch({ required, extra: required ? { ...rest, minItems: 1 } : rest });
            } else patch({ required });
          }} />
          {field.kind === 'group' ? <TextInput label={b.itemLabel} value={field.itemLabel ?? ''} readOnly={readOnly} onChange={(e) => patch({ itemLabel: e.currentTarget.value })} /> : null}
          {field.kind === 'select' || field.kind === 'file' ? <OptionsEditor field={field} onChange={set} readOnly={readOnly} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {prefillPaths.length ? (
              <Select
                label={b.prefill}
                data={[{ value: '', label: b.noPrefill }, ...prefillPaths.map((p) => ({ value: p, label: b.prefillPaths[p] ?? p }))]}
                value={field.prefill ?? ''}
                allowDeselect={false}
                readOnly={readOnly}
                onChange={(v) => {
                  const { prefill: _p, ...rest } = field;
                  set(v ? { ...rest, prefill: v as BuilderField['prefill'] } : rest);
                }}
              />
            ) : null}
            {sources.length || field.showWhen ? (
              <Select
                label={b.showWhen}
                data={[{ value: '', label: b.always }, ...sources.map((s) => ({ value: s.key, label: s.label || s.key }))]}
                value={field.showWhen?.field ?? ''}
                allowDeselect={false}
                readOnly={readOnly}
                onChange={(v) => {
                  const { showWhen: _s, ...rest } = field;
                  const s = sources.find((x) => x.key === v);
                  set(s ? { ...rest, showWhen: { field: s.key, equals: defaultValueOf(s) } } : rest);
                }}
              />
            ) : null}
            {conditionValueInput()}
          </SimpleGrid>
          {readOnly ? null : (
            <Group gap="xs">
              <Button size="xs" variant="default" disabled={index === 0} aria-label={b.moveUp(name)} onClick={() => onChange({ ...form, fields: moveField(form.fields, path, -1) })}>↑ {b.up}</Button>
              <Button size="xs" variant="default" disabled={index === siblings.length - 1} aria-label={b.moveDown(name)} onClick={() => onChange({ ...form, fields: moveField(form.fields, path, 1) })}>↓ {b.down}</Button>
              <Button size="xs" variant="outline" color="red.9" aria-label={b.remove(name)} onClick={() => onChange({ ...form, fields: removeField(form.fields, path) })}>{b.delete}</Button>
            </Group>
          )}
          {container ? (
            <Stack gap="xs" pl={{ base: 'xs', sm: 'md' }} style={{ borderLeft: '3px solid var(--mantine-color-blue-2)' }}>
              {(field.fields ?? []).length === 0 ? <Text size="sm">{b.emptyGroup}</Text> : (
                <FieldList fields={field.fields ?? []} path={path} form={form} onChange={onChange} readOnly={readOnly} onAdd={onAdd} focusKey={focusKey} />
              )}
              {readOnly ? null : (
                <Group gap="xs" align="end">
                  <Select
                    label={b.addTo(name)}
                    data={FIELD_KINDS.filter((k) => k !== 'group' || field.kind !== 'group').map((k) => ({ value: k, label: b.kinds[k] ?? k }))}
                    value={addKind}
                    allowDeselect={false}
                    onChange={setAddKind}
                    maw={280}
                  />
                  <Button variant="light" onClick={() => addKind && onAdd(path, addKind as FieldKind)}>{b.add}</Button>
                </Group>
              )}
            </Stack>
          ) : null}
        </Stack>
      </Fieldset>
    </Paper>
  );
}

function OptionsEditor({ field, onChange, readOnly }: { field: BuilderField; onChange: (f: BuilderField) => void; readOnly?: boolean | undefined }) {
  const { t } = useI18n();
  const b = t.catalogueEditor.builder;
  const options = field.options ?? [];
  const setOptions = (next: typeof options) => onChange({ ...field, options: next });
  return (
    <Fieldset legend={b.options} p="xs">
      <Stack gap={6}>
        {options.map((o, i) => (
          <Group key={i} gap="xs" align="end" wrap="nowrap">
            <TextInput size="xs" label={`${b.optionValue} ${i + 1}`} value={o.value} readOnly={readOnly} style={{ flex: 1 }} onChange={(e) => setOptions(options.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)))} />
            <TextInput size="xs" label={`${b.optionTitle} ${i + 1}`} value={o.title} readOnly={readOnly} style={{ flex: 2 }} onChange={(e) => setOptions(options.map((x, j) => (j === i ? { ...x, title: e.currentTarget.value } : x)))} />
            {readOnly ? null : (
              <ActionIcon size="lg" variant="outline" color="red.9" aria-label={b.removeOption(i + 1)} disabled={options.length <= 1} onClick={() => setOptions(options.filter((_, j) => j !== i))}>×</ActionIcon>
            )}
          </Group>
        ))}
        {readOnly ? null : (
          <Group>
            <Button size="xs" variant="subtle" onClick={() => setOptions([...options, { value: `${options.length + 1}`, title: `Lựa chọn ${options.length + 1}` }])}>+ {b.addOption}</Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}
