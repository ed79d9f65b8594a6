import { Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useFormState } from '../use-form-state';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AuthCard } from '../components/AuthCard';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { serverFieldErrors, splitContact, type FieldErrors } from '../form-errors';
import { meQuery, useRegister } from '../queries';
import { loginHref, pathAfterSignIn, REGISTERED_PATH, VERIFY_PHONE_PATH } from '../redirect';
import type { RegisteredState } from './RegisteredPage';
import classes from './AuthPages.module.css';

type Field = 'fullName' | 'contact' | 'password' | 'confirm';
const order: Field[] = ['fullName', 'contact', 'password', 'confirm'];
const apiFields: Record<string, Field> = { fullName: 'fullName', email: 'contact', phone: 'contact', password: 'password' };
const conflictFields: Record<string, Field> = { 'identity.email_taken': 'contact' };
export const MIN_PASSWORD_LENGTH = 10;

export function RegisterPage() {
  const { t } = useI18n();
  useDocumentTitle(t.account.registerTitle);
  const navigate = useNavigate();
  const next = useSearchParams()[0].get('next');
  const register = useRegister();
  const me = useQuery(meQuery());
  const { values, errors, formError, attempt, bind, fail } = useFormState<Field>({ fullName: '', contact: '', password: '', confirm: '' });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: FieldErrors<Field> = {};
    if (!values.fullName.trim()) local.fullName = t.account.fullNameRequired;
    if (!values.contact.trim()) local.contact = t.account.contactRequired;
    if (!values.password) local.password = t.account.passwordRequired;
    else if (values.password.length < MIN_PASSWORD_LENGTH) local.password = t.account.passwordTooShort;
    if (!values.confirm) local.confirm = t.account.confirmRequired;
    else if (values.password && values.confirm !== values.password) local.confirm = t.account.passwordMismatch;
    if (Object.keys(local).length > 0) return fail(local);

    const contact = splitContact(values.contact);
    register.mutate(
      { fullName: values.fullName.trim(), password: values.password, ...contact },
      {
        onSuccess: () => {
          const state: RegisteredState = { ...contact, next };
          // A phone number is proven by the code sent to it before the account can sign in.
          void navigate(contact.phone ? VERIFY_PHONE_PATH : REGISTERED_PATH, { state });
        },
        onError: (error) => {
          const { fields, other } = serverFieldErrors(error, apiFields);
          if (isApiError(error) && conflictFields[error.code]) fields[conflictFields[error.code]!] = error.title;
          const network = !isApiError(error) || error.code === 'network';
          fail(fields, network ? t.errors.network : Object.keys(fields).length > 0 ? other[0] : error.title);
        },
      },
    );
  }

  if (me.data) return <Navigate to={pathAfterSignIn(next, me.data.kind)} replace />;

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...order.flatMap((f) => (errors[f] ? [{ message: errors[f], fieldId: f }] : [])),
  ];

  return (
    <AuthCard title={t.account.registerTitle} lead={t.account.registerLead}>
      <ErrorSummary items={summary} attempt={attempt} />
      <Stack gap="lg">
        <form noValidate onSubmit={onSubmit}>
          <Stack gap="md">
            <TextInput
              {...bind('fullName')}
              label={t.account.fullName}
              autoComplete="name"
              spellCheck={false}
            />
            <TextInput
              {...bind('contact')}
              label={t.account.contact}
              description={t.account.contactHint}
              autoComplete="username"
              spellCheck={false}
              autoCapitalize="none"
            />
            <PasswordInput
              {...bind('password')}
              label={t.account.newPassword}
              description={t.account.passwordRule}
              autoComplete="new-password"
            />
            <PasswordInput
              {...bind('confirm')}
              label={t.account.confirmPassword}
              autoComplete="new-password"
            />
            <Button type="submit" size="md" loading={register.isPending} className={classes.submit}>
              {t.account.submitRegister}
            </Button>
          </Stack>
        </form>
        <div>
          <Title order={2} size="h4">
            {t.account.haveAccount}
          </Title>
          <Text>
            <Anchor component={Link} to={loginHref(next)} underline="always">
              {t.account.loginLink}
            </Anchor>
          </Text>
        </div>
      </Stack>
    </AuthCard>
  );
}
