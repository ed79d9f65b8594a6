import { Alert, Anchor, Button, Container, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useFormState } from '../use-form-state';
import { Link, Navigate } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { formatIsoDate } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { serverFieldErrors, type FieldErrors } from '../form-errors';
import { legacyProfileAddress, profileChanges, profileUnits, profileValues, unitsProblem, type ProfileField, type ProfileUnits } from '../profile-form';
import { AddressFieldset } from '../components/AddressFieldset';
import { meQuery, useLogout, useUpdateProfile } from '../queries';
import { useConfirmPhoneChange, useLogoutEverywhere } from '../flows';
import { failFromServer } from '../submit-errors';
import { ORGANISATIONS_PATH } from './OrganisationsPage';
import { REPRESENTATIVES_PATH } from './RepresentativesPage';
import { CHANGE_PASSWORD_PATH } from './ChangePasswordPage';
import { PERSONAL_DATA_PATH } from './PersonalDataPage';
import { TOTP_PATH } from './TotpPage';
import { ACCOUNT_PATH, loginHref } from '../redirect';
import type { Me } from '../types';
import classes from './AccountPage.module.css';

const order: ProfileField[] = ['fullName', 'phone', 'personalIdNumber', 'dateOfBirth', 'address', 'addressDetail'];
const apiFields: Record<string, ProfileField> = { fullName: 'fullName', phone: 'phone', personalIdNumber: 'personalIdNumber', dateOfBirth: 'dateOfBirth', address: 'address', addressUnits: 'address' };
/** Ids of the address selects (AddressSelects: `${idBase}_provinceCode`, `${idBase}_communeCode`). */
const ADDRESS_ID = 'address';
const summaryFieldId = (f: ProfileField) => (f === 'address' ? `${ADDRESS_ID}_communeCode` : f);

export function AccountPage() {
  const { t } = useI18n();
  useDocumentTitle(t.account.accountTitle);
  const me = useQuery(meQuery());

  if (me.isPending) {
    return (
      <Container size="sm" py="xl" aria-busy="true">
        <Title order={1} mb="md">
          {t.account.accountTitle}
        </Title>
        <Group gap="sm">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t.account.loading}</Text>
        </Group>
      </Container>
    );
  }
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <Title order={1} mb="md">
          {t.account.accountTitle}
        </Title>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) return <Navigate to={loginHref(ACCOUNT_PATH)} replace />;
  return <AccountView me={me.data} />;
}

function AccountView({ me }: { me: Me }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const logout = useLogout();
  const everywhere = useLogoutEverywhere();
  const applicant = me.kind === 'APPLICANT';

  const rows: { label: string; value: string | null }[] = [
    { label: t.account.fullName, value: me.fullName },
    { label: t.account.email, value: me.email },
    { label: t.account.phone, value: me.phone },
    ...(applicant
      ? [
          { label: t.account.idNumber, value: me.profile.personalIdNumber && me.profile.personalIdVerified ? `${me.profile.personalIdNumber} — ${t.accountLinks.idVerified}` : me.profile.personalIdNumber },
          { label: t.account.dateOfBirth, value: me.profile.dateOfBirth ? formatIsoDate(me.profile.dateOfBirth) : null },
          { label: t.account.address, value: me.profile.address },
        ]
      : []),
  ];

  return (
    <Container size="sm" py="xl" px="md">
      <Stack gap="xl">
        <Title order={1}>{t.account.accountTitle}</Title>
        <section aria-labelledby="profile-title">
          <Title order={2} id="profile-title" mb="md">
            {t.account.profileTitle}
          </Title>
          {saved && !editing ? (
            <Alert color="green" variant="light" role="status" mb="md" classNames={{ message: classes.savedText }}>
              {t.account.saved}
            </Alert>
          ) : null}
          {me.pendingPhone && !editing ? <PendingPhone phone={me.pendingPhone} /> : null}
          {editing ? (
            <ProfileForm
              me={me}
              onDone={(didSave) => {
                setEditing(false);
                setSaved(didSave);
              }}
            />
          ) : (
            <Paper withBorder radius="md" p="md">
              <dl className={classes.list}>
                {rows.map((row) => (
                  <div key={row.label} className={classes.row}>
                    <dt className={classes.term}>{row.label}</dt>
                    <dd className={classes.value}>{row.value || <span className={classes.empty}>{t.account.notProvided}</span>}</dd>
                  </div>
                ))}
              </dl>
              <Button
                variant="outline"
                mt="md"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t.account.edit}
              </Button>
            </Paper>
          )}
        </section>
        <section aria-labelledby="links-title">
          <Title order={2} id="links-title" mb="md">
            {t.accountLinks.title}
          </Title>
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {[
              ...(applicant
                ? [
                    { to: ORGANISATIONS_PATH, label: t.accountLinks.organisations, hint: t.accountLinks.organisationsHint },
                    { to: REPRESENTATIVES_PATH, label: t.accountLinks.representatives, hint: t.accountLinks.representativesHint },
                  ]
                : [{ to: TOTP_PATH, label: t.accountLinks.totp, hint: t.accountLinks.totpHint }]),
              { to: CHANGE_PASSWORD_PATH, label: t.accountLinks.changePassword, hint: t.accountLinks.changePasswordHint },
              { to: PERSONAL_DATA_PATH, label: t.privacy.title, hint: t.privacy.linkHint },
            ].map((link) => (
              <li key={link.to}>
                <Anchor component={Link} to={link.to} underline="always" fw={600}>
                  {link.label}
                </Anchor>
                <Text size="sm">{link.hint}</Text>
              </li>
            ))}
          </Stack>
        </section>
        <section aria-labelledby="session-title">
          <Title order={2} id="session-title" mb="xs">
            {t.account.sessionTitle}
          </Title>
          <Text mb="sm">{t.account.sessionText}</Text>
          <Button
            variant="filled"
            color="red.9"
            loading={logout.isPending}
            onClick={() => logout.mutate()}
          >
            {t.account.signOut}
          </Button>
          <Text mt="lg" mb="sm">{t.accountLinks.signOutEverywhereText}</Text>
          {everywhere.isError ? (
            <Alert color="red" role="alert" mb="sm">
              {t.errors.network}
            </Alert>
          ) : null}
          <Button variant="outline" color="red.9" loading={everywhere.isPending} onClick={() => everywhere.mutate()}>
            {t.accountLinks.signOutEverywhere}
          </Button>
        </section>
      </Stack>
    </Container>
  );
}

function ProfileForm({ me, onDone }: { me: Me; onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const update = useUpdateProfile();
  const applicant = me.kind === 'APPLICANT';
  const [initial] = useState(() => profileValues(me));
  const [initialUnits] = useState(() => profileUnits(me));
  const [units, setUnits] = useState<ProfileUnits>(initialUnits);
  const [legacy] = useState(() => legacyProfileAddress(me));
  const { values, errors, formError, attempt, bind, fail } = useFormState<ProfileField>(initial);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: FieldErrors<ProfileField> = {};
    if (!values.fullName.trim()) local.fullName = t.account.fullNameRequired;
    const id = values.personalIdNumber.trim();
    if (applicant && id && !/^\d{12}$/.test(id)) local.personalIdNumber = t.account.idNumberInvalid;
    if (applicant && unitsProblem(units)) local.address = t.account.communeRequired;
    if (Object.keys(local).length > 0) return fail(local);

    const body = profileChanges(initial, values, applicant, initialUnits, units);
    if (Object.keys(body).length === 0) return onDone(false);
    update.mutate(body, {
      onSuccess: () => onDone(true),
      onError: (error) => {
        const { fields, other } = serverFieldErrors(error, apiFields);
        const network = !isApiError(error) || error.code === 'network';
        fail(fields, network ? t.errors.network : Object.keys(fields).length > 0 ? other[0] : error.title);
      },
    });
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...order.flatMap((f) => (errors[f] ? [{ message: errors[f], fieldId: summaryFieldId(f) }] : [])),
  ];

  return (
    <Paper withBorder radius="md" p="md">
      <ErrorSummary items={summary} attempt={attempt} />
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <TextInput label={t.account.fullName} autoComplete="name" {...bind('fullName')} />
          <TextInput label={t.account.phone} description={t.account.phoneHint} type="tel" inputMode="tel" autoComplete="tel" {...bind('phone')} />
          {applicant ? (
            <>
              <TextInput
                label={t.account.idNumber}
                description={me.profile.personalIdVerified ? t.accountLinks.idVerifiedNote : t.account.idNumberHint}
                inputMode="numeric"
                maxLength={12}
                readOnly={me.profile.personalIdVerified}
                autoComplete="off"
                className={classes.idInput}
                {...bind('personalIdNumber')}
              />
              <TextInput label={t.account.dateOfBirth} type="date" autoComplete="bday" className={classes.dateInput} {...bind('dateOfBirth')} />
              <AddressFieldset
                legend={t.account.address}
                idBase={ADDRESS_ID}
                units={units}
                onUnitsChange={setUnits}
                communeError={errors.address} attempt={attempt}
                legacyText={units.provinceCode ? undefined : legacy}
                detail={bind('addressDetail')}
                className={classes.addressFieldset}
              />
            </>
          ) : null}
          <Group gap="sm">
            <Button type="submit" loading={update.isPending}>
              {t.account.save}
            </Button>
            <Button variant="default" onClick={() => onDone(false)}>
              {t.account.cancel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** A new phone number waiting for the code sent to it: it replaces the current one only then. */
function PendingPhone({ phone }: { phone: string }) {
  const { t } = useI18n();
  const confirm = useConfirmPhoneChange();
  const { values, errors, formError, attempt, bind, fail, clearErrors } = useFormState<'code'>({ code: '' });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const code = values.code.trim();
    if (!code) return fail({ code: t.verifyPhone.codeRequired });
    if (!/^\d{6}$/.test(code)) return fail({ code: t.verifyPhone.codeInvalid });
    clearErrors();
    confirm.mutate(code, { onError: (error) => failFromServer(error, { code: 'code' }, fail, t, { 'auth.phone_code_invalid': 'code' }) });
  }
  const summary: SummaryItem[] = [...(formError ? [{ message: formError }] : []), ...(errors.code ? [{ message: errors.code, fieldId: 'code' }] : [])];
  return (
    <Paper withBorder radius="md" p="md" mb="md" component="section" aria-labelledby="pending-phone-title">
      <Title order={3} id="pending-phone-title" size="h4" mb="xs">{t.verifyPhone.pendingTitle}</Title>
      <Text mb="sm">{t.verifyPhone.pendingText(phone)}</Text>
      <ErrorSummary items={summary} attempt={attempt} />
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm" align="flex-start">
          <TextInput {...bind('code')} label={t.verifyPhone.code} description={t.verifyPhone.codeHint} inputMode="numeric" autoComplete="one-time-code" maxLength={6} spellCheck={false} />
          <Button type="submit" loading={confirm.isPending}>{t.verifyPhone.confirm}</Button>
        </Stack>
      </form>
    </Paper>
  );
}
