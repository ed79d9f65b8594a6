import { Alert, Badge, Button, Group, Loader, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { ErrorSummary, type SummaryItem } from '../../account/components/ErrorSummary';
import { serverFieldErrors, type FieldErrors } from '../../account/form-errors';
import { useFormState } from '../../account/use-form-state';
import { unitsQuery, useCreateUnit, useRenameUnit } from '../queries';
import { UNIT_CODE_PATTERN, type AdminUnit } from '../types';
import classes from './AdminPanels.module.css';

/** Summary items in field order, with the form-level message first. */
export function summaryOf<F extends string>(order: F[], errors: FieldErrors<F>, formError: string | undefined): SummaryItem[] {
  return [...(formError ? [{ message: formError }] : []), ...order.flatMap((f) => (errors[f] ? [{ message: errors[f], fieldId: f }] : []))];
}

/** Places a failed request's problems beside the fields, or in the summary. */
export function failWith<F extends string>(
  error: unknown,
  fieldOf: Record<string, F>,
  fail: (fields: FieldErrors<F>, message?: string) => void,
  networkMessage: string,
) {
  const { fields, other } = serverFieldErrors(error, fieldOf);
  const network = !isApiError(error) || error.code === 'network';
  fail(fields, network ? networkMessage : Object.keys(fields).length > 0 ? other[0] : error.title);
}

export function unitLabel(unit: Pick<AdminUnit, 'code' | 'name'>) {
  return `${unit.name} (${unit.code})`;
}

/** Options of a unit picker, indented by depth so the tree shows. */
export function unitOptions(units: AdminUnit[], placeholder: string) {
  return [{ value: '', label: placeholder }, ...units.map((u) => ({ value: u.id, label: `${'\u00a0\u00a0'.repeat(u.depth)}${unitLabel(u)}` }))];
}

export function UnitsPanel() {
  const { t } = useI18n();
  const units = useQuery(unitsQuery());
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (units.isPending) return <Busy />;
  if (units.isError) return <ErrorState error={units.error} onRetry={() => void units.refetch()} />;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={2}>{t.admin.unitsTitle}</Title>
        {!adding ? (
          <Button onClick={() => { setNotice(null); setAdding(true); }}>{t.admin.addUnit}</Button>
        ) : null}
      </Group>
      {notice ? (
        <Alert color="green" variant="light" role="status">
          {notice}
        </Alert>
      ) : null}
      {adding ? (
        <AddUnitForm
          units={units.data}
          onDone={(created) => {
            setAdding(false);
            if (created) setNotice(t.admin.unitCreated(created));
          }}
        />
      ) : null}
      {units.data.length === 0 ? (
        <Text>{t.admin.noUnits}</Text>
      ) : (
        <ul className={classes.tree} aria-label={t.admin.unitsList}>
          {units.data.map((unit) => (
            <li key={unit.id} className={classes.treeItem} style={{ ['--depth' as string]: unit.depth }}>
              {renaming === unit.id ? (
                <RenameUnitForm
                  unit={unit}
                  onDone={(name) => {
                    setRenaming(null);
                    if (name) setNotice(t.admin.renamed(name));
                  }}
                />
              ) : (
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <div className={classes.unitText}>
                    <Text fw={600} className={classes.wrap}>
                      {unit.name}
                    </Text>
                    <Group gap="xs">
                      <Text size="sm" c="dimmed" ff="monospace">
                        {unit.code}
                      </Text>
                      <Badge variant="light" color="gray.8" size="sm">
                        {t.admin.officialCount(unit.officialCount)}
                      </Badge>
                    </Group>
                  </div>
                  <Button variant="subtle" size="sm" aria-label={t.admin.renameLabel(unit.name)} onClick={() => { setNotice(null); setRenaming(unit.id); }}>
                    {t.admin.rename}
                  </Button>
                </Group>
              )}
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

export function Busy() {
  const { t } = useI18n();
  return (
    <Group gap="sm" aria-busy="true">
      <Loader size="sm" aria-hidden="true" />
      <Text>{t.admin.loading}</Text>
    </Group>
  );
}

type UnitField = 'unitParent' | 'unitCode' | 'unitName' | 'unitNameEn';
const unitOrder: UnitField[] = ['unitParent', 'unitCode', 'unitName', 'unitNameEn'];
const unitApiFields: Record<string, UnitField> = { parentId: 'unitParent', code: 'unitCode', name: 'unitName', nameEn: 'unitNameEn' };

function AddUnitForm({ units, onDone }: { units: AdminUnit[]; onDone: (createdName?: string) => void }) {
  const { t } = useI18n();
  const create = useCreateUnit();
  const { values, errors, formError, attempt, bind, fail } = useFormState<UnitField>({ unitParent: '', unitCode: '', unitName: '', unitNameEn: '' });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: FieldErrors<UnitField> = {};
    const code = values.unitCode.trim().toUpperCase();
    if (!values.unitParent) local.unitParent = t.admin.unitParentRequired;
    if (!UNIT_CODE_PATTERN.test(code)) local.unitCode = t.admin.unitCodeInvalid;
    if (values.unitName.trim().length < 2) local.unitName = t.admin.unitNameRequired;
    if (Object.keys(local).length > 0) return fail(local);
    create.mutate(
      { parentId: values.unitParent, code, name: values.unitName.trim(), nameEn: values.unitNameEn.trim() || null },
      { onSuccess: (unit) => onDone(unit.name), onError: (error) => failWith(error, unitApiFields, fail, t.errors.network) },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-unit-title">
      <Title order={3} id="add-unit-title" mb="sm">
        {t.admin.addUnitTitle}
      </Title>
      <ErrorSummary items={summaryOf(unitOrder, errors, formError)} attempt={attempt} />
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <NativeSelect label={t.admin.unitParent} data={unitOptions(units, t.admin.chooseUnit)} {...bind('unitParent')} />
          <TextInput label={t.admin.unitCode} description={t.admin.unitCodeHint} autoComplete="off" spellCheck={false} className={classes.codeInput} {...bind('unitCode')} />
          <TextInput label={t.admin.unitName} autoComplete="off" {...bind('unitName')} />
          <TextInput label={t.admin.unitNameEn} autoComplete="off" lang="en" {...bind('unitNameEn')} />
          <Group gap="sm">
            <Button type="submit" loading={create.isPending}>
              {t.admin.createUnit}
            </Button>
            <Button variant="default" onClick={() => onDone()}>
              {t.admin.cancel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

type RenameField = 'renameName' | 'renameNameEn';
const renameOrder: RenameField[] = ['renameName', 'renameNameEn'];

function RenameUnitForm({ unit, onDone }: { unit: AdminUnit; onDone: (name?: string) => void }) {
  const { t } = useI18n();
  const rename = useRenameUnit();
  const { values, errors, formError, attempt, bind, fail } = useFormState<RenameField>({ renameName: unit.name, renameNameEn: unit.nameEn ?? '' });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (values.renameName.trim().length < 2) return fail({ renameName: t.admin.unitNameRequired });
    rename.mutate(
      { unitId: unit.id, body: { name: values.renameName.trim(), nameEn: values.renameNameEn.trim() || null } },
      { onSuccess: (u) => onDone(u.name), onError: (error) => failWith(error, { name: 'renameName', nameEn: 'renameNameEn' }, fail, t.errors.network) },
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-label={t.admin.renameLabel(unit.name)}>
      <ErrorSummary items={summaryOf(renameOrder, errors, formError)} attempt={attempt} />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" ff="monospace">
          {unit.code}
        </Text>
        <TextInput label={t.admin.unitName} autoComplete="off" data-autofocus {...bind('renameName')} />
        <TextInput label={t.admin.unitNameEn} autoComplete="off" lang="en" {...bind('renameNameEn')} />
        <Group gap="sm">
          <Button type="submit" size="sm" loading={rename.isPending}>
            {t.admin.save}
          </Button>
          <Button variant="default" size="sm" onClick={() => onDone()}>
            {t.admin.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
