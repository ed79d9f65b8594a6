import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AuthCard } from '../components/AuthCard';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { useForgotPassword } from '../flows';
import { LOGIN_PATH } from '../redirect';
import { EMAIL_PATTERN, failFromServer } from '../submit-errors';
import { useFormState } from '../use-form-state';
import classes from './AuthPages.module.css';

export const FORGOT_PASSWORD_PATH = '/quen-mat-khau';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const forgot = useForgotPassword();
  const { values, errors, formError, attempt, bind, fail, clearErrors } = useFormState<'email'>({ email: '' });
  useDocumentTitle(forgot.isSuccess ? t.password.sentTitle : t.password.forgotTitle);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const email = values.email.trim();
    if (!email) return fail({ email: t.password.emailRequired });
    if (!EMAIL_PATTERN.test(email)) return fail({ email: t.password.emailInvalid });
    clearErrors();
    forgot.mutate(email, { onError: (error) => failFromServer(error, { email: 'email' }, fail, t) });
  }

  if (forgot.isSuccess) {
    return (
      <AuthCard title={t.password.sentTitle}>
        <Stack gap="md">
          <Text size="lg" role="status">{t.password.sentText(values.email.trim())}</Text>
          <Anchor component={Link} to={LOGIN_PATH} underline="always">{t.account.loginLink}</Anchor>
        </Stack>
      </AuthCard>
    );
  }
  const summary: SummaryItem[] = [...(formError ? [{ message: formError }] : []), ...(errors.email ? [{ message: errors.email, fieldId: 'email' }] : [])];
  return (
    <AuthCard title={t.password.forgotTitle} lead={t.password.forgotLead}>
      <ErrorSummary items={summary} attempt={attempt} />
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <TextInput {...bind('email')} label={t.password.email} type="email" autoComplete="email" spellCheck={false} autoCapitalize="none" />
          <Button type="submit" size="md" loading={forgot.isPending} className={classes.submit}>{t.password.forgotSubmit}</Button>
          <Text size="sm" c="gray.7">{t.password.forgotPhoneNote}</Text>
          <Anchor component={Link} to={LOGIN_PATH} underline="always">{t.account.loginLink}</Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}
