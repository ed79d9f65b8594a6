import { Alert, Anchor, Button, Container, Loader, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import type { FieldErrors } from '../form-errors';
import { useChangePassword } from '../flows';
import { newPasswordErrors } from '../new-password';
import { meQuery } from '../queries';
import { ACCOUNT_PATH, loginHref } from '../redirect';
import { failFromServer } from '../submit-errors';
import { useFormState } from '../use-form-state';
import classes from './AuthPages.module.css';

export const CHANGE_PASSWORD_PATH = '/tai-khoan/doi-mat-khau';

type Field = 'currentPassword' | 'newPassword' | 'confirm';

/** Change one's own password: the current one is required; other sessions end. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  useDocumentTitle(t.changePassword.title);
  const me = useQuery(meQuery());
  const change = useChangePassword();
  const { values, errors, formError, attempt, bind, fail, clearErrors, setValues } = useFormState<Field>({ currentPassword: '', newPassword: '', confirm: '' });

  if (me.isPending) return <Container size="sm" py="xl" aria-busy="true"><Loader size="sm" aria-hidden="true" /></Container>;
  if (!me.data) return <Navigate to={loginHref(CHANGE_PASSWORD_PATH)} replace />;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const { password, confirm } = newPasswordErrors(t, values.newPassword, values.confirm);
    const local: FieldErrors<Field> = {};
    if (!values.currentPassword) local.currentPassword = t.changePassword.currentRequired;
    if (password) local.newPassword = password;
    if (confirm) local.confirm = confirm;
    if (Object.keys(local).length > 0) return fail(local);
    clearErrors();
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => setValues({ currentPassword: '', newPassword: '', confirm: '' }),
        onError: (error) => failFromServer(error, { currentPassword: 'currentPassword', newPassword: 'newPassword' }, fail, t),
      },
    );
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(['currentPassword', 'newPassword', 'confirm'] as const).flatMap((f) => (errors[f] ? [{ message: errors[f], fieldId: f }] : [])),
  ];
  return (
    <Container size="sm" py="xl" px="md">
      <Stack gap="lg">
        <Title order={1}>{t.changePassword.title}</Title>
        <Text>{t.changePassword.lead}</Text>
        {change.isSuccess ? <Alert color="green" variant="light" role="status">{t.changePassword.done(change.data.sessionsEnded)}</Alert> : null}
        <ErrorSummary items={summary} attempt={attempt} />
        <form noValidate onSubmit={onSubmit}>
          <Stack gap="md">
            <PasswordInput {...bind('currentPassword')} label={t.changePassword.current} autoComplete="current-password" />
            <PasswordInput {...bind('newPassword')} label={t.account.newPassword} description={t.account.passwordRule} autoComplete="new-password" />
            <PasswordInput {...bind('confirm')} label={t.account.confirmPassword} autoComplete="new-password" />
            <Button type="submit" size="md" loading={change.isPending} className={classes.submit}>{t.changePassword.submit}</Button>
          </Stack>
        </form>
        <Anchor component={Link} to={ACCOUNT_PATH} underline="always">{t.accountLinks.back}</Anchor>
      </Stack>
    </Container>
  );
}
