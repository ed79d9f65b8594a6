import { Alert, Anchor, Button, Container, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { useResendPhoneCode, useVerifyPhone } from '../flows';
import { loginHref } from '../redirect';
import { failFromServer } from '../submit-errors';
import { useFormState } from '../use-form-state';
import type { RegisteredState } from './RegisteredPage';

/** Seconds before another code may be asked for. */
export const RESEND_WAIT_SECONDS = 60;

const PHONE_PATTERN = /^(\+84|0)\d{9}$/;

/** Counts down once a second to 0; `restart` starts again. */
function useCountdown(seconds: number) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return { left, restart: () => setLeft(seconds) };
}

/**
 * After a registration by phone: the 6-digit code sent by SMS proves the number, and only then
 * can the account sign in. Reached without a number (a bookmark), it asks for the number too.
 */
export function VerifyPhonePage() {
  const { t } = useI18n();
  const state = (useLocation().state ?? {}) as RegisteredState;
  const knownPhone = state.phone ?? '';
  const verify = useVerifyPhone();
  const resend = useResendPhoneCode();
  const countdown = useCountdown(knownPhone ? RESEND_WAIT_SECONDS : 0);
  const { values, errors, formError, attempt, bind, fail, clearErrors } = useFormState<'phone' | 'code'>({ phone: knownPhone, code: '' });
  const done = verify.isSuccess;
  useDocumentTitle(done ? t.verifyPhone.doneTitle : t.verifyPhone.title);

  const phone = values.phone.trim().replace(/[\s.-]/g, '');
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: Partial<Record<'phone' | 'code', string>> = {};
    if (!phone) local.phone = t.verifyPhone.phoneRequired;
    else if (!PHONE_PATTERN.test(phone)) local.phone = t.verifyPhone.phoneInvalid;
    const code = values.code.trim();
    if (!code) local.code = t.verifyPhone.codeRequired;
    else if (!/^\d{6}$/.test(code)) local.code = t.verifyPhone.codeInvalid;
    if (Object.keys(local).length > 0) return fail(local);
    clearErrors();
    verify.mutate({ phone, code }, { onError: (error) => failFromServer(error, { phone: 'phone', code: 'code' }, fail, t, { 'auth.phone_code_invalid': 'code' }) });
  }
  function onResend() {
    if (!phone || !PHONE_PATTERN.test(phone)) return fail({ phone: phone ? t.verifyPhone.phoneInvalid : t.verifyPhone.phoneRequired });
    clearErrors();
    resend.mutate(phone, { onSuccess: () => countdown.restart(), onError: (error) => failFromServer(error, { phone: 'phone' }, fail, t) });
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(['phone', 'code'] as const).flatMap((f) => (errors[f] ? [{ message: errors[f], fieldId: f }] : [])),
  ];

  if (done) {
    return (
      <Container size="xs" py="xl" px="md">
        <Stack gap="md" align="flex-start">
          <Title order={1}>{t.verifyPhone.doneTitle}</Title>
          <Text size="lg" role="status">{t.verifyPhone.doneText}</Text>
          <Button component={Link} to={loginHref(state.next)}>{t.account.loginLink}</Button>
        </Stack>
      </Container>
    );
  }
  return (
    <Container size="xs" py="xl" px="md">
      <Stack gap="md">
        <Title order={1}>{t.verifyPhone.title}</Title>
        <Text size="lg">{knownPhone ? t.verifyPhone.sentTo(knownPhone) : t.verifyPhone.lead}</Text>
        <ErrorSummary items={summary} attempt={attempt} />
        <form noValidate onSubmit={onSubmit}>
          <Stack gap="md" align="flex-start">
            {knownPhone ? null : (
              <TextInput {...bind('phone')} label={t.account.phone} description={t.account.phoneHint} type="tel" inputMode="tel" autoComplete="tel" w="100%" />
            )}
            <TextInput
              {...bind('code')}
              label={t.verifyPhone.code}
              description={t.verifyPhone.codeHint}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              spellCheck={false}
              w="100%"
              styles={{ input: { fontSize: '1.25rem', letterSpacing: '0.3em', maxWidth: '12rem' } }}
            />
            <Button type="submit" size="md" loading={verify.isPending}>{t.verifyPhone.submit}</Button>
          </Stack>
        </form>
        <div>
          <Text mb={4}>{t.verifyPhone.noCode}</Text>
          <Button variant="subtle" px={0} onClick={onResend} disabled={countdown.left > 0} loading={resend.isPending}>
            {countdown.left > 0 ? t.verifyPhone.resendIn(countdown.left) : t.verifyPhone.resend}
          </Button>
          {resend.isSuccess ? <Alert color="green" variant="light" role="status" mt="xs">{t.verifyPhone.resent}</Alert> : null}
        </div>
        <Anchor component={Link} to={loginHref(state.next)} underline="always">{t.account.loginLink}</Anchor>
      </Stack>
    </Container>
  );
}
