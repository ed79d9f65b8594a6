import '@mantine/core/styles/Divider.css';
import { Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useFormState } from '../use-form-state';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AuthCard } from '../components/AuthCard';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { serverFieldErrors, type FieldErrors } from '../form-errors';
import { newPasswordErrors } from '../new-password';
import { meQuery, useLogin } from '../queries';
import { oidcStartHref, pathAfterSignIn, registerHref } from '../redirect';
import classes from './AuthPages.module.css';
import { FORGOT_PASSWORD_PATH } from './ForgotPasswordPage';

type Field = 'login' | 'password' | 'otp' | 'newPassword' | 'confirm';
const apiFields: Record<string, Field> = { login: 'login', password: 'password', otp: 'otp', newPassword: 'newPassword' };

export function LoginPage() {
  const { t } = useI18n();
  useDocumentTitle(t.account.loginTitle);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const login = useLogin();
  const me = useQuery(meQuery());
  // A temporary password (set by an administrator) must be replaced at the first sign-in.
  const [step, setStep] = useState<'password' | 'otp' | 'newPassword'>('password');
  const { setValues, errors, formError, attempt, bind, fail, clearErrors, values } = useFormState<Field>({ login: '', password: '', otp: '', newPassword: '', confirm: '' });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: FieldErrors<Field> = {};
    if (step === 'password') {
      if (!values.login.trim()) local.login = t.account.loginRequired;
      if (!values.password) local.password = t.account.passwordRequired;
    } else if (step === 'otp' && !values.otp.trim()) {
      local.otp = t.account.otpRequired;
    } else if (step === 'newPassword') {
      const { password, confirm } = newPasswordErrors(t, values.newPassword, values.confirm);
      if (password) local.newPassword = password;
      if (confirm) local.confirm = confirm;
    }
    if (Object.keys(local).length > 0) return fail(local);

    login.mutate(
      {
        login: values.login.trim(),
        password: values.password,
        ...(step !== 'password' && values.otp.trim() ? { otp: values.otp.trim() } : {}),
        ...(step === 'newPassword' ? { newPassword: values.newPassword } : {}),
      },
      {
        onSuccess: (user) => void navigate(pathAfterSignIn(next, user.kind), { replace: true }),
        onError: (error) => {
          if (isApiError(error) && error.code === 'auth.otp_required') {
            clearErrors();
            setStep('otp');
            return;
          }
          if (isApiError(error) && error.code === 'auth.password_change_required') {
            clearErrors();
            setStep('newPassword');
            return;
          }
          if (isApiError(error) && error.code === 'auth.otp_invalid') {
            if (step === 'newPassword') setStep('otp');
            return fail({ otp: error.title });
          }
          const { fields, other } = serverFieldErrors(error, apiFields);
          const network = !isApiError(error) || error.code === 'network';
          fail(fields, network ? t.errors.network : Object.keys(fields).length > 0 ? other[0] : error.title);
        },
      },
    );
  }

  // Already signed in (a bookmark, the back button): nothing to do here.
  if (me.data && !login.isPending) return <Navigate to={pathAfterSignIn(next, me.data.kind)} replace />;

  const order: Field[] = step === 'password' ? ['login', 'password'] : step === 'otp' ? ['otp'] : ['newPassword', 'confirm'];
  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...order.flatMap((f) => (errors[f] ? [{ message: errors[f], fieldId: f }] : [])),
  ];

  if (step === 'newPassword') {
    return (
      <AuthCard title={t.account.temporaryTitle} lead={t.account.temporaryLead}>
        <ErrorSummary items={summary} attempt={attempt} />
        <form noValidate onSubmit={onSubmit}>
          <Stack gap="md">
            <PasswordInput {...bind('newPassword')} label={t.account.newPassword} description={t.account.passwordRule} autoComplete="new-password" autoFocus />
            <PasswordInput {...bind('confirm')} label={t.account.confirmPassword} autoComplete="new-password" />
            <Button type="submit" size="md" loading={login.isPending} className={classes.submit}>
              {t.account.temporarySubmit}
            </Button>
          </Stack>
        </form>
      </AuthCard>
    );
  }

  if (step === 'otp') {
    return (
      <AuthCard title={t.account.otpTitle} lead={t.account.otpLead}>
        <ErrorSummary items={summary} attempt={attempt} />
        <form noValidate onSubmit={onSubmit}>
          <Stack gap="md">
            <TextInput
              {...bind('otp')}
              label={t.account.otpLabel}
              description={t.account.otpHint}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={20}
              className={classes.codeInput}
              autoFocus
            />
            <Button type="submit" size="md" loading={login.isPending} className={classes.submit}>
              {t.account.otpSubmit}
            </Button>
            <Anchor
              component="button"
              type="button"
              underline="always"
              className={classes.textButton}
              onClick={() => {
                setStep('password');
                setValues({ login: '', password: '', otp: '', newPassword: '', confirm: '' });
                clearErrors();
              }}
            >
              {t.account.otpBack}
            </Anchor>
          </Stack>
        </form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t.account.loginTitle} lead={t.account.loginLead}>
      <ErrorSummary items={summary} attempt={attempt} />
      <Stack gap="lg">
        <Stack gap={6}>
          <Button component="a" href={oidcStartHref(next)} size="lg" color="red.9" classNames={{ root: classes.national, label: classes.nationalLabel }}>
            {t.account.nationalLogin}
          </Button>
          <Text size="sm" c="gray.7">
            {t.account.nationalHint}
          </Text>
        </Stack>
        <Divider label={t.account.orWithPassword} labelPosition="center" classNames={{ label: classes.dividerLabel }} />
        <form noValidate onSubmit={onSubmit}>
          <Stack gap="md">
            <TextInput
              {...bind('login')}
              label={t.account.loginField}
              autoComplete="username"
              spellCheck={false}
              autoCapitalize="none"
            />
            <PasswordInput
              {...bind('password')}
              label={t.account.password}
              autoComplete="current-password"
            />
            <Button type="submit" size="md" loading={login.isPending} className={classes.submit}>
              {t.account.submitLogin}
            </Button>
            <Anchor component={Link} to={FORGOT_PASSWORD_PATH} underline="always" className={classes.textButton}>
              {t.password.forgotLink}
            </Anchor>
          </Stack>
        </form>
        <div>
          <Title order={2} size="h4">
            {t.account.noAccount}
          </Title>
          <Anchor component={Link} to={registerHref(next)} underline="always">
            {t.account.registerLink}
          </Anchor>
        </div>
      </Stack>
    </AuthCard>
  );
}
