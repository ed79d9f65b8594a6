import { Alert, Anchor, Button, Container, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { useResendVerification, verifyEmailQuery } from '../flows';
import { LOGIN_PATH } from '../redirect';
import { EMAIL_PATTERN, failFromServer } from '../submit-errors';
import { useFormState } from '../use-form-state';

/** The page the verification e-mail links to: confirms the token, or offers a new link. */
export function VerifyEmailPage() {
  const { t } = useI18n();
  const token = useSearchParams()[0].get('token') ?? '';
  const verify = useQuery({ ...verifyEmailQuery(token), enabled: token.length > 0 });
  const expired = token.length === 0 || (verify.isError && isApiError(verify.error) && verify.error.status === 400);
  const done = verify.isSuccess;
  useDocumentTitle(done ? t.verifyEmail.doneTitle : expired ? t.verifyEmail.expiredTitle : t.verifyEmail.title);

  return (
    <Container size="xs" py="xl" px="md" aria-busy={verify.isLoading ? 'true' : undefined}>
      <Stack gap="md" align="flex-start">
        {done ? (
          <>
            <Title order={1}>{t.verifyEmail.doneTitle}</Title>
            <Text size="lg">{t.verifyEmail.doneText}</Text>
            <Button component={Link} to={LOGIN_PATH}>{t.account.loginLink}</Button>
          </>
        ) : expired ? (
          <>
            <Title order={1}>{t.verifyEmail.expiredTitle}</Title>
            <Text>{t.verifyEmail.expiredText}</Text>
            <ResendForm />
            <Anchor component={Link} to={LOGIN_PATH} underline="always">{t.account.loginLink}</Anchor>
          </>
        ) : verify.isError ? (
          <>
            <Title order={1}>{t.verifyEmail.title}</Title>
            <ErrorState error={verify.error} onRetry={() => void verify.refetch()} />
          </>
        ) : (
          <>
            <Title order={1}>{t.verifyEmail.title}</Title>
            <Group gap="sm"><Loader size="sm" aria-hidden="true" /><Text>{t.verifyEmail.checking}</Text></Group>
          </>
        )}
      </Stack>
    </Container>
  );
}

function ResendForm() {
  const { t } = useI18n();
  const resend = useResendVerification();
  const { values, errors, formError, attempt, bind, fail, clearErrors } = useFormState<'email'>({ email: '' });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const email = values.email.trim();
    if (!email) return fail({ email: t.password.emailRequired });
    if (!EMAIL_PATTERN.test(email)) return fail({ email: t.password.emailInvalid });
    clearErrors();
    resend.mutate(email, { onError: (error) => failFromServer(error, { email: 'email' }, fail, t) });
  }
  const summary: SummaryItem[] = [...(formError ? [{ message: formError }] : []), ...(errors.email ? [{ message: errors.email, fieldId: 'email' }] : [])];
  if (resend.isSuccess) return <Alert color="green" variant="light" role="status">{t.verifyEmail.resent}</Alert>;
  return (
    <form noValidate onSubmit={onSubmit} style={{ width: '100%' }}>
      <ErrorSummary items={summary} attempt={attempt} />
      <Stack gap="md" align="flex-start">
        <TextInput {...bind('email')} label={t.password.email} type="email" autoComplete="email" spellCheck={false} autoCapitalize="none" w="100%" />
        <Button type="submit" loading={resend.isPending}>{t.verifyEmail.resendSubmit}</Button>
      </Stack>
    </form>
  );
}
