import { Alert, Badge, Button, Group, NativeSelect, Pagination, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { ErrorSummary } from '../../account/components/ErrorSummary';
import type { FieldErrors } from '../../account/form-errors';
import { useFormState } from '../../account/use-form-state';
import { officialsQuery, unitsQuery, useAddGrant, useCreateOfficial, useRemoveGrant, useResetTotp, useUnlockOfficial } from '../queries';
import { officialRoles, type AdminOfficial, type AdminUnit, type CreatedOfficial, type OfficialFilters, type TotpReset } from '../types';
import classes from './AdminPanels.module.css';
import { Handover } from './Handover';
import { Busy, failWith, summaryOf, unitOptions } from './UnitsPanel';

const PAGE_SIZE = 10;

type Shown = { kind: 'created'; data: CreatedOfficial } | { kind: 'reset'; data: TotpReset };

export function OfficialsPanel() {
  const { t } = useI18n();
  const units = useQuery(unitsQuery());
  const [filters, setFilters] = useState<OfficialFilters>({ page: 1, pageSize: PAGE_SIZE });
  const [text, setText] = useState('');
  const [unitId, setUnitId] = useState('');
  const officials = useQuery(officialsQuery(filters));
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function onFilter(event: FormEvent) {
    event.preventDefault();
    setFilters({ page: 1, pageSize: PAGE_SIZE, ...(text.trim() ? { q: text.trim() } : {}), ...(unitId ? { unitId } : {}) });
  }

  const pages = officials.data ? Math.max(1, Math.ceil(officials.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={2}>{t.admin.officialsTitle}</Title>
        {!creating && !shown ? (
          <Button onClick={() => { setNotice(null); setCreating(true); }}>{t.admin.addOfficial}</Button>
        ) : null}
      </Group>
      {notice ? (
        <Alert color="green" variant="light" role="status">
          {notice}
        </Alert>
      ) : null}
      {creating && units.data ? (
        <CreateOfficialForm
          units={units.data}
          onCancel={() => setCreating(false)}
          onCreated={(data) => {
            setCreating(false);
            setShown({ kind: 'created', data });
          }}
        />
      ) : null}
      {shown ? (
        <Handover
          title={shown.kind === 'created' ? t.admin.officialCreatedTitle(shown.data.official.fullName) : t.admin.resetTotpDone(shown.data.official.fullName)}
          temporaryPassword={shown.kind === 'created' ? shown.data.temporaryPassword : undefined}
          totpSecret={shown.data.totpSecret}
          recoveryCodes={shown.data.recoveryCodes}
          onClose={() => setShown(null)}
        />
      ) : null}

      <form onSubmit={onFilter} aria-label={t.admin.filterTitle} role="search">
        <div className={classes.filters}>
          <TextInput id="filter-text" label={t.admin.filterText} type="search" value={text} onChange={(e) => setText(e.currentTarget.value)} autoComplete="off" />
          <NativeSelect id="filter-unit" label={t.admin.filterUnit} value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)} data={unitOptions(units.data ?? [], t.admin.allUnits)} />
          <Button type="submit" variant="outline">
            {t.admin.applyFilter}
          </Button>
        </div>
      </form>

      {officials.isPending ? (
        <Busy />
      ) : officials.isError ? (
        <ErrorState error={officials.error} onRetry={() => void officials.refetch()} />
      ) : (
        <Stack gap="md" aria-busy={officials.isFetching && officials.isPlaceholderData ? 'true' : undefined}>
          <Text role="status">{t.admin.officialsFound(officials.data.total)}</Text>
          {officials.data.items.length === 0 ? (
            <Paper withBorder radius="md" p="md">
              <Text fw={600}>{t.admin.noOfficials}</Text>
              <Text size="sm">{t.admin.noOfficialsHint}</Text>
            </Paper>
          ) : (
            <ul className={classes.cards} aria-label={t.admin.officialsList}>
              {officials.data.items.map((official) => (
                <li key={official.id}>
                  <OfficialCard
                    official={official}
                    units={units.data ?? []}
                    onNotice={setNotice}
                    onTotpReset={(data) => setShown({ kind: 'reset', data })}
                  />
                </li>
              ))}
            </ul>
          )}
          {pages > 1 ? (
            <nav aria-label={t.admin.pagination}>
              <Group justify="center">
                <Pagination
                  total={pages}
                  value={filters.page ?? 1}
                  onChange={(page) => setFilters((f) => ({ ...f, page }))}
                  siblings={1}
                  boundaries={1}
                  getItemProps={(p) => ({ 'aria-label': t.results.page(p), 'aria-current': p === filters.page ? 'page' : undefined })}
                  getControlProps={(control) => {
                    if (control === 'previous') return { 'aria-label': t.results.previousPage };
                    if (control === 'next') return { 'aria-label': t.results.nextPage };
                    return {};
                  }}
                />
              </Group>
            </nav>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}

type OfficialField = 'officialEmail' | 'officialName' | 'officialUnit' | 'officialRole';
const officialOrder: OfficialField[] = ['officialEmail', 'officialName', 'officialUnit', 'officialRole'];
const officialApiFields: Record<string, OfficialField> = { email: 'officialEmail', fullName: 'officialName', unitId: 'officialUnit', role: 'officialRole' };

function roleOptions(roles: Record<string, string>, placeholder: string) {
  return [{ value: '', label: placeholder }, ...officialRoles.map((r) => ({ value: r, label: roles[r] ?? r }))];
}

function CreateOfficialForm({ units, onCreated, onCancel }: { units: AdminUnit[]; onCreated: (data: CreatedOfficial) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const create = useCreateOfficial();
  const { values, errors, formError, attempt, bind, fail } = useFormState<OfficialField>({ officialEmail: '', officialName: '', officialUnit: '', officialRole: '' });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: FieldErrors<OfficialField> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.officialEmail.trim())) local.officialEmail = t.admin.emailInvalid;
    if (values.officialName.trim().length < 2) local.officialName = t.admin.fullNameRequired;
    if (!values.officialUnit) local.officialUnit = t.admin.unitRequired;
    if (!values.officialRole) local.officialRole = t.admin.roleRequired;
    if (Object.keys(local).length > 0) return fail(local);
    create.mutate(
      { email: values.officialEmail.trim(), fullName: values.officialName.trim(), unitId: values.officialUnit, role: values.officialRole as CreatedOfficial['official']['grants'][number]['role'] },
      { onSuccess: onCreated, onError: (error) => failWith(error, officialApiFields, fail, t.errors.network) },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-official-title">
      <Title order={3} id="add-official-title" mb="sm">
        {t.admin.addOfficialTitle}
      </Title>
      <ErrorSummary items={summaryOf(officialOrder, errors, formError)} attempt={attempt} />
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <TextInput label={t.admin.email} type="email" autoComplete="off" spellCheck={false} {...bind('officialEmail')} />
          <TextInput label={t.admin.fullName} autoComplete="off" {...bind('officialName')} />
          <NativeSelect label={t.admin.filterUnit} data={unitOptions(units, t.admin.chooseUnit)} {...bind('officialUnit')} />
          <NativeSelect label={t.admin.role} data={roleOptions(t.admin.roles, t.admin.chooseRole)} {...bind('officialRole')} />
          <Group gap="sm">
            <Button type="submit" loading={create.isPending}>
              {t.admin.createOfficial}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t.admin.cancel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function OfficialCard({ official, units, onNotice, onTotpReset }: { official: AdminOfficial; units: AdminUnit[]; onNotice: (text: string | null) => void; onTotpReset: (data: TotpReset) => void }) {
  const { t, lang } = useI18n();
  const [adding, setAdding] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const removeGrant = useRemoveGrant();
  const unlock = useUnlockOfficial();
  const resetTotp = useResetTotp();
  const headingId = `official-${official.id}`;
  const showError = (e: unknown) => setError(isApiError(e) && e.code !== 'network' ? e.title : t.errors.network);
  const lockedUntil = official.lockedUntil
    ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(official.lockedUntil))
    : null;

  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <Title order={3} id={headingId} size="h4" className={classes.wrap}>
            {official.fullName}
          </Title>
          <Text size="sm" className={classes.wrap}>
            {official.email}
          </Text>
        </div>
        <Group gap="xs">
          <Badge variant="light" color={official.totpEnabled ? 'green.9' : 'orange.9'}>
            {official.totpEnabled ? t.admin.totpOn : t.admin.totpOff}
          </Badge>
          {official.locked ? <Badge variant="filled" color="red.9">{t.admin.locked}</Badge> : null}
          {official.status === 'DISABLED' ? <Badge variant="light" color="gray.8">{t.admin.disabled}</Badge> : null}
        </Group>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm" lang="vi">{error}</Text>
          </Alert>
        ) : null}
        {official.locked && lockedUntil ? (
          <Group gap="sm" wrap="wrap">
            <Text size="sm">{t.admin.lockedUntil(lockedUntil)}</Text>
            <Button
              size="sm"
              variant="outline"
              loading={unlock.isPending}
              aria-label={t.admin.unlockLabel(official.fullName)}
              onClick={() => {
                setError(null);
                unlock.mutate(official.id, { onSuccess: () => onNotice(t.admin.unlocked(official.fullName)), onError: showError });
              }}
            >
              {t.admin.unlock}
            </Button>
          </Group>
        ) : null}
        <Text fw={600} size="sm" id={`${headingId}-grants`}>
          {t.admin.grants}
        </Text>
        {official.grants.length === 0 ? (
          <Text size="sm">{t.admin.noGrants}</Text>
        ) : (
          <ul className={classes.grants} aria-labelledby={`${headingId}-grants`}>
            {official.grants.map((g) => {
              const role = t.admin.roles[g.role] ?? g.role;
              return (
                <li key={g.id} className={classes.grant}>
                  <Text size="sm" className={classes.wrap} style={{ flex: '1 1 12rem' }}>
                    <strong>{role}</strong> — {g.unitName} ({g.unitCode}) · {g.fieldCodes.length === 0 ? t.admin.allFields : t.admin.fieldsOnly(g.fieldCodes.join(', '))}
                  </Text>
                  <Button
                    size="compact-sm"
                    variant="outline"
                    color="red.9"
                    bg="white"
                    aria-label={t.admin.removeGrantLabel(role, g.unitName)}
                    loading={removeGrant.isPending && removeGrant.variables?.grantId === g.id}
                    onClick={() => {
                      setError(null);
                      removeGrant.mutate({ userId: official.id, grantId: g.id }, { onSuccess: () => onNotice(t.admin.grantRemoved), onError: showError });
                    }}
                  >
                    {t.admin.removeGrant}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
        {adding ? (
          <AddGrantForm official={official} units={units} onDone={(added) => { setAdding(false); if (added) onNotice(t.admin.grantAdded); }} />
        ) : null}
        {confirmReset ? (
          <Alert color="orange.9" variant="light">
            <Stack gap="xs">
              <Text size="sm">{t.admin.resetTotpConfirm}</Text>
              <Group gap="sm">
                <Button
                  size="sm"
                  color="orange.9"
                  loading={resetTotp.isPending}
                  onClick={() => {
                    setError(null);
                    resetTotp.mutate(official.id, { onSuccess: (data) => { setConfirmReset(false); onTotpReset(data); }, onError: showError });
                  }}
                >
                  {t.admin.confirm}
                </Button>
                <Button size="sm" variant="default" onClick={() => setConfirmReset(false)}>
                  {t.admin.cancel}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}
        {!adding && !confirmReset ? (
          <Group gap="sm">
            <Button size="sm" variant="outline" aria-label={t.admin.addGrantLabel(official.fullName)} onClick={() => { onNotice(null); setAdding(true); }}>
              {t.admin.addGrant}
            </Button>
            <Button size="sm" variant="subtle" aria-label={t.admin.resetTotpLabel(official.fullName)} onClick={() => { onNotice(null); setConfirmReset(true); }}>
              {t.admin.resetTotp}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

type GrantField = 'grantRole' | 'grantUnit' | 'grantFields';
const grantOrder: GrantField[] = ['grantRole', 'grantUnit', 'grantFields'];
const grantApiFields: Record<string, GrantField> = { role: 'grantRole', unitId: 'grantUnit', fieldCodes: 'grantFields' };

function AddGrantForm({ official, units, onDone }: { official: AdminOfficial; units: AdminUnit[]; onDone: (added: boolean) => void }) {
  const { t } = useI18n();
  const add = useAddGrant();
  const { values, errors, formError, attempt, bind, fail } = useFormState<GrantField>({ grantRole: '', grantUnit: '', grantFields: '' });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: FieldErrors<GrantField> = {};
    if (!values.grantRole) local.grantRole = t.admin.roleRequired;
    if (!values.grantUnit) local.grantUnit = t.admin.unitRequired;
    if (Object.keys(local).length > 0) return fail(local);
    const fieldCodes = values.grantFields.split(',').map((f) => f.trim()).filter(Boolean);
    add.mutate(
      { userId: official.id, body: { role: values.grantRole as AdminOfficial['grants'][number]['role'], unitId: values.grantUnit, ...(fieldCodes.length ? { fieldCodes } : {}) } },
      { onSuccess: () => onDone(true), onError: (error) => failWith(error, grantApiFields, fail, t.errors.network) },
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-label={t.admin.addGrantLabel(official.fullName)}>
      <ErrorSummary items={summaryOf(grantOrder, errors, formError)} attempt={attempt} />
      <Stack gap="sm">
        <NativeSelect label={t.admin.role} data={roleOptions(t.admin.roles, t.admin.chooseRole)} {...bind('grantRole')} />
        <NativeSelect label={t.admin.grantUnit} data={unitOptions(units, t.admin.chooseUnit)} {...bind('grantUnit')} />
        <TextInput label={t.admin.grantFields} description={t.admin.grantFieldsHint} autoComplete="off" spellCheck={false} {...bind('grantFields')} />
        <Group gap="sm">
          <Button type="submit" size="sm" loading={add.isPending}>
            {t.admin.addGrant}
          </Button>
          <Button size="sm" variant="default" onClick={() => onDone(false)}>
            {t.admin.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
