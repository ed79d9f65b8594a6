import { Alert, Anchor, Badge, Button, Container, FileInput, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { errorTitle } from '../../../api/problem';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import type { FieldErrors } from '../form-errors';
import { organisationQuery, organisationsQuery, useAddMember, useCreateOrganisation, useSubmitProof } from '../flows';
import { meQuery } from '../queries';
import { ACCOUNT_PATH, loginHref } from '../redirect';
import { EMAIL_PATTERN, failFromServer } from '../submit-errors';
import type { Organisation } from '../types';
import { useFormState } from '../use-form-state';
import { AddressFieldset } from '../components/AddressFieldset';
import { unitsProblem, type ProfileUnits } from '../profile-form';

export const ORGANISATIONS_PATH = '/tai-khoan/to-chuc';
/** Tax code (mã số thuế): 10 digits, or 13 written with a hyphen for a dependent unit. */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;

export function OrganisationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t.orgs.title);
  const me = useQuery(meQuery());
  const list = useQuery({ ...organisationsQuery(), enabled: me.data?.kind === 'APPLICANT' });
  const [created, setCreated] = useState<string>();

  if (me.isPending) return <Container size="sm" py="xl" aria-busy="true"><Loader size="sm" aria-hidden="true" /></Container>;
  if (!me.data) return <Navigate to={loginHref(ORGANISATIONS_PATH)} replace />;
  if (me.data.kind !== 'APPLICANT') return <Navigate to={ACCOUNT_PATH} replace />;

  return (
    <Container size="sm" py="xl" px="md">
      <Stack gap="xl">
        <div>
          <Title order={1} mb="xs">{t.orgs.title}</Title>
          <Text size="lg">{t.orgs.lead}</Text>
        </div>
        {created ? <Alert color="green" variant="light" role="status">{t.orgs.created(created)}</Alert> : null}
        <section aria-label={t.orgs.title} aria-busy={list.isPending ? 'true' : undefined}>
          {list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.isPending ? (
            <Group gap="sm"><Loader size="sm" aria-hidden="true" /><Text>{t.orgs.loading}</Text></Group>
          ) : list.data.length === 0 ? (
            <Paper withBorder p="md" radius="md"><Text>{t.orgs.empty}</Text></Paper>
          ) : (
            <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {list.data.map((org) => <OrganisationCard key={org.id} org={org} />)}
            </Stack>
          )}
        </section>
        <CreateOrganisationForm onCreated={setCreated} />
        <Anchor component={Link} to={ACCOUNT_PATH} underline="always">{t.accountLinks.back}</Anchor>
      </Stack>
    </Container>
  );
}

function OrganisationCard({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Paper component="li" withBorder p="md" radius="md" aria-labelledby={`org-${org.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={3} size="h4" id={`org-${org.id}`}>{org.name}</Title>
          <Badge variant="light" color={org.role === 'OWNER' ? 'blue' : 'gray'}>{org.role === 'OWNER' ? t.orgs.roleOWNER : t.orgs.roleMEMBER}</Badge>
        </Group>
        <Text size="sm">{t.orgs.taxCode}: <strong>{org.taxCode}</strong></Text>
        {org.address ? <Text size="sm">{org.address}</Text> : null}
        <Verification org={org} />
        <Button variant="subtle" px={0} style={{ alignSelf: 'flex-start' }} aria-expanded={open} onClick={() => setOpen((o) => !o)} aria-label={t.orgs.showMembers(org.name)}>
          {t.orgs.members}
        </Button>
        {open ? <Members org={org} /> : null}
      </Stack>
    </Paper>
  );
}

/** Whether the organisation's ownership is proven, and for its owner how to prove it. */
function Verification({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const send = useSubmitProof(org.id);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string>();
  const fieldId = `proof-${org.id}`;
  const color = org.verified ? 'green' : org.verificationStatus === 'PENDING' ? 'blue' : org.verificationStatus === 'REFUSED' ? 'red' : 'yellow';
  // Dark text on every tint: coloured text on a light badge of the same colour fails contrast (yellow, green).
  const badge = <Badge variant="light" color={color} c="gray.9" style={{ alignSelf: 'flex-start', textTransform: 'none' }}>{org.verificationLabel}</Badge>;
  if (org.verified) return badge;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setError(t.orgs.proofRequired);
    setError(undefined);
    send.mutate(file, { onError: (e) => setError(errorTitle(e)) });
  }
  return (
    <Stack gap="xs">
      {badge}
      {org.verificationStatus === 'PENDING' ? (
        <Text size="sm">{t.orgs.pendingHelp}{org.proofFileName ? ` ${t.orgs.proofSubmitted(org.proofFileName)}` : ''}</Text>
      ) : (
        <>
          <Text size="sm">{t.orgs.unverifiedHelp}</Text>
          {org.verificationStatus === 'REFUSED' && org.refusalReason ? <Text size="sm" fw={600}>{t.orgs.refusedReason(org.refusalReason)}</Text> : null}
          {org.role === 'OWNER' ? (
            <form noValidate onSubmit={onSubmit}>
              <Stack gap="xs" align="flex-start">
                <FileInput id={fieldId} label={t.orgs.proofLabel} description={t.orgs.proofHint} accept="application/pdf,image/jpeg,image/png" value={file} onChange={setFile} error={error} w="100%" clearable={false} />
                <Button type="submit" variant="outline" loading={send.isPending}>{t.orgs.sendProof}</Button>
              </Stack>
            </form>
          ) : <Text size="sm" c="gray.7">{t.orgs.ownerMustProve}</Text>}
        </>
      )}
      {send.isSuccess ? <Alert color="green" variant="light" role="status">{t.orgs.proofSent}</Alert> : null}
    </Stack>
  );
}

function Members({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const detail = useQuery(organisationQuery(org.id));
  const add = useAddMember(org.id);
  const { values, setValues, errors, formError, attempt, bind, fail, clearErrors } = useFormState<'memberEmail'>({ memberEmail: '' });
  const fieldId = `member-${org.id}`;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const email = values.memberEmail.trim();
    if (!email) return fail({ memberEmail: t.password.emailRequired });
    if (!EMAIL_PATTERN.test(email)) return fail({ memberEmail: t.password.emailInvalid });
    clearErrors();
    add.mutate(email, {
      onSuccess: () => setValues({ memberEmail: '' }),
      onError: (error) => failFromServer(error, { email: 'memberEmail' }, fail, t),
    });
  }
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  if (detail.isPending) return <Loader size="sm" aria-hidden="true" />;
  const summary: SummaryItem[] = [...(formError ? [{ message: formError }] : []), ...(errors.memberEmail ? [{ message: errors.memberEmail, fieldId }] : [])];
  return (
    <Stack gap="sm">
      <ul aria-label={t.orgs.showMembers(org.name)} style={{ margin: 0, paddingInlineStart: '1.2em' }}>
        {detail.data.members.map((m) => (
          <li key={m.userId}>{m.fullName}{m.email ? ` (${m.email})` : ''} — {m.role === 'OWNER' ? t.orgs.roleOWNER : t.orgs.roleMEMBER}</li>
        ))}
      </ul>
      {detail.data.invitations.length > 0 ? (
        <ul aria-label={t.orgs.pendingTitle} style={{ margin: 0, paddingInlineStart: '1.2em' }}>
          {detail.data.invitations.map((i) => <li key={i.id}>{i.email} — {i.statusLabel}</li>)}
        </ul>
      ) : null}
      {add.isSuccess ? <Alert color="green" variant="light" role="status">{t.orgs.memberAdded}</Alert> : null}
      {org.role === 'OWNER' ? (
        <form noValidate onSubmit={onSubmit}>
          <ErrorSummary items={summary} attempt={attempt} />
          <Stack gap="sm" align="flex-start">
            <TextInput {...bind('memberEmail')} id={fieldId} label={t.orgs.memberEmail} description={t.orgs.memberEmailHint} type="email" autoComplete="off" w="100%" />
            <Button type="submit" variant="outline" loading={add.isPending}>{t.orgs.addMember}</Button>
          </Stack>
        </form>
      ) : <Text size="sm" c="gray.7">{t.orgs.ownersOnly}</Text>}
    </Stack>
  );
}

type Field = 'taxCode' | 'name' | 'address' | 'addressDetail';
const order: Field[] = ['taxCode', 'name', 'address', 'addressDetail'];
/** Ids of the head office selects (AddressSelects: `${idBase}_provinceCode`, `${idBase}_communeCode`). */
const HEAD_OFFICE_ID = 'org_address';
const summaryFieldId = (f: Field) => (f === 'address' ? `${HEAD_OFFICE_ID}_communeCode` : f);

function CreateOrganisationForm({ onCreated }: { onCreated: (name: string) => void }) {
  const { t } = useI18n();
  const create = useCreateOrganisation();
  const { values, setValues, errors, formError, attempt, bind, fail, clearErrors } = useFormState<Field>({ taxCode: '', name: '', address: '', addressDetail: '' });
  const [units, setUnits] = useState<ProfileUnits>({});
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: FieldErrors<Field> = {};
    const taxCode = values.taxCode.trim();
    if (!taxCode) local.taxCode = t.orgs.taxCodeRequired;
    else if (!TAX_CODE_PATTERN.test(taxCode)) local.taxCode = t.orgs.taxCodeInvalid;
    if (values.name.trim().length < 2) local.name = t.orgs.nameRequired;
    if (unitsProblem(units)) local.address = t.account.communeRequired;
    if (Object.keys(local).length > 0) return fail(local);
    clearErrors();
    const detail = values.addressDetail.trim();
    const addressUnits = units.provinceCode && units.communeCode ? { provinceCode: units.provinceCode, communeCode: units.communeCode, ...(detail ? { detail } : {}) } : null;
    create.mutate(
      // A street line without units stays readable as the head office's text.
      { taxCode, name: values.name.trim(), ...(addressUnits ? { addressUnits } : { address: detail || null }) },
      {
        onSuccess: (org) => {
          setValues({ taxCode: '', name: '', address: '', addressDetail: '' });
          setUnits({});
          onCreated(org.name);
        },
        onError: (error) => failFromServer(error, { taxCode: 'taxCode', name: 'name', address: 'addressDetail', addressUnits: 'address' }, fail, t),
      },
    );
  }
  const summary: SummaryItem[] = [...(formError ? [{ message: formError }] : []), ...order.flatMap((f) => (errors[f] ? [{ message: errors[f], fieldId: summaryFieldId(f) }] : []))];
  return (
    <section aria-labelledby="org-create">
      <Title order={2} id="org-create" mb="md">{t.orgs.createTitle}</Title>
      <Paper withBorder p="md" radius="md">
        <ErrorSummary items={summary} attempt={attempt} />
        <form noValidate onSubmit={onSubmit}>
          <Stack gap="md">
            <TextInput {...bind('taxCode')} label={t.orgs.taxCode} description={t.orgs.taxCodeHint} inputMode="numeric" autoComplete="off" maxLength={14} />
            <TextInput {...bind('name')} label={t.orgs.name} autoComplete="organization" />
            <AddressFieldset legend={t.orgs.address} idBase={HEAD_OFFICE_ID} units={units} onUnitsChange={setUnits} communeError={errors.address} attempt={attempt} detail={bind('addressDetail')} />
            <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>{t.orgs.create}</Button>
          </Stack>
        </form>
      </Paper>
    </section>
  );
}
