import { Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AuthCard } from '../components/AuthCard';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import type { FieldErrors } from '../form-errors';
import { useResetPassword } from '../flows';
import { newPasswordErrors } from '../new-password';
import { LOGIN_PATH } from '../redirect';
import { failFromServer } from '../submit-errors';
import { useFormState } from '../use-form-state';
import { FORGOT_PASSWORD_PATH } from './ForgotPasswordPage';
import classes from './AuthPages.module.css';

type Field = 'password' | 'confirm';

/** The page the reset e-mail links to (`/dat-lai-mat-khau?token=…`). */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const token = useSearchParams()[0].get('token') ?? '';
  const reset = useResetPassword();
  const invalid = !token || (reset.isError && isApiError(reset.error) && (reset.error.code === 'auth.token_invalid' || reset.error.errors.some((e) => e.path === 'body.token')));
  useDocumentTitle(reset.isSuccess ? t.password.resetDoneTitle : invalid ? t.password.linkInvalidTitle : t.password.resetTitle);
  const { values, errors, formError, attempt, bind, fail, clearErrors } = useFormState<Field>({ password: '', confirm: '' });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: FieldErrors<Field> = newPasswordErrors(t, values.password, values.confirm);
    if (Object.keys(local).length > 0) return fail(local);
    clearErrors();
    reset.mutate({ token, password: values.password }, { onError: (error) => failFromServer(error, { password: 'password' }, fail, t) });
  }

  if (reset.isSuccess) {
    return (
      <AuthCard title={t.password.resetDoneTitle}>
        <Stack gap="md" align="flex-start">
          <Text size="lg" role="status">{t.password.resetDoneText}</Text>
          <Button component={Link} to={LOGIN_PATH}>{t.account.loginLink}</Button>
        </Stack>
      </AuthCard>
    );
  }
  if (invalid) {
    return (
      <AuthCard title={t.password.linkInvalidTitle}>
        <Stack gap="md" align="flex-start">
          <Text>{t.password.linkInvalidText}</Text>
          <Button component={Link} to={FORGOT_PASSWORD_PATH}>{t.password.requestAgain}</Button>
        </Stack>
      </AuthCard>
    );
  }
  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(['password', 'confirm'] as const).flatMap((f) => (errors[f] ? [{ message: errors[f], fieldId: f }] : [])),
  ];
  return (
    <AuthCard title={t.password.resetTitle} lead={t.password.resetLead}>
      <ErrorSummary items={summary} attempt={attempt} />
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <PasswordInput {...bind('password')} label={t.account.newPassword} description={t.account.passwordRule} autoComplete="new-password" />
          <PasswordInput {...bind('confirm')} label={t.account.confirmPassword} autoComplete="new-password" />
          <Button type="submit" size="md" loading={reset.isPending} className={classes.submit}>{t.password.resetSubmit}</Button>
          <Anchor component={Link} to={LOGIN_PATH} underline="always">{t.account.loginLink}</Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}
