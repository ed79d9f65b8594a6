import '@mantine/core/styles/Code.css';
import { Alert, Anchor, Button, Code, Container, CopyButton, Group, List, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { useStartTotp, useVerifyTotp } from '../flows';
import { meQuery } from '../queries';
import { ACCOUNT_PATH, loginHref } from '../redirect';
import { failFromServer } from '../submit-errors';
import { useFormState } from '../use-form-state';
import classes from './AuthPages.module.css';

export const TOTP_PATH = '/tai-khoan/ung-dung-xac-thuc';

/** Officials: enrol an authenticator app (QR code or key), confirm with a code, then keep the recovery codes. */
export function TotpPage() {
  const { t } = useI18n();
  useDocumentTitle(t.totp.title);
  const me = useQuery(meQuery());
  const start = useStartTotp();
  const verify = useVerifyTotp();
  const [svg, setSvg] = useState<string>();
  const { values, errors, formError, attempt, bind, fail, clearErrors } = useFormState<'code' | 'currentPassword'>({ code: '', currentPassword: '' });

  const uri = start.data?.otpauthUri;
  useEffect(() => {
    if (!uri) return;
    let live = true;
    void import('../../../lib/qr-svg').then(({ qrSvg }) => qrSvg(uri, 220)).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [uri]);

  if (me.isPending) return <Container size="sm" py="xl" aria-busy="true"><Loader size="sm" aria-hidden="true" /></Container>;
  if (!me.data) return <Navigate to={loginHref(TOTP_PATH)} replace />;

  // Replacing the second factor needs the current password, not just the session.
  function onStart(event: FormEvent) {
    event.preventDefault();
    if (!values.currentPassword) return fail({ currentPassword: t.totp.currentPasswordRequired });
    clearErrors();
    start.mutate(values.currentPassword, { onError: (error) => failFromServer(error, { password: 'currentPassword' }, fail, t) });
  }

  function onVerify(event: FormEvent) {
    event.preventDefault();
    const code = values.code.replace(/\s/g, '');
    if (!code) return fail({ code: t.totp.codeRequired });
    if (!/^\d{6}$/.test(code)) return fail({ code: t.totp.codeFormat });
    clearErrors();
    verify.mutate(code, {
      onError: (error) => {
        if (isApiError(error) && error.code === 'auth.otp_invalid') return fail({ code: error.title });
        failFromServer(error, { code: 'code' }, fail, t);
      },
    });
  }

  const codes = verify.data?.recoveryCodes;
  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(['currentPassword', 'code'] as const).flatMap((f) => (errors[f] ? [{ message: errors[f], fieldId: f }] : [])),
  ];
  return (
    <Container size="sm" py="xl" px="md">
      <Stack gap="lg">
        <Title order={1}>{codes ? t.totp.doneTitle : t.totp.title}</Title>
        {me.data.kind !== 'OFFICIAL' ? (
          <Alert color="gray" variant="light">{t.totp.officialsOnly}</Alert>
        ) : codes ? (
          <RecoveryCodes codes={codes} />
        ) : !start.data ? (
          <Stack gap="md" align="flex-start">
            <Text size="lg">{t.totp.lead}</Text>
            <Text>{t.totp.startText}</Text>
            <ErrorSummary items={summary} attempt={attempt} />
            <form noValidate onSubmit={onStart}>
              <Stack gap="md" align="flex-start">
                <PasswordInput {...bind('currentPassword')} label={t.totp.currentPassword} description={t.totp.currentPasswordHint} autoComplete="current-password" />
                <Button type="submit" loading={start.isPending}>{t.totp.start}</Button>
              </Stack>
            </form>
          </Stack>
        ) : (
          <>
            <section aria-labelledby="totp-step1">
              <Title order={2} size="h3" id="totp-step1" mb="sm">{t.totp.step1}</Title>
              <Paper withBorder p="md" radius="md">
                <Stack gap="sm" align="flex-start">
                  {svg ? <div role="img" aria-label={t.totp.qrAlt} className={classes.qr} dangerouslySetInnerHTML={{ __html: svg }} /> : <Loader size="sm" aria-hidden="true" />}
                  <Text>{t.totp.manualKey}</Text>
                  <Code className={classes.secret} data-testid="totp-secret">{start.data.secret.replace(/(.{4})/g, '$1 ').trim()}</Code>
                </Stack>
              </Paper>
            </section>
            <section aria-labelledby="totp-step2">
              <Title order={2} size="h3" id="totp-step2" mb="sm">{t.totp.step2}</Title>
              <ErrorSummary items={summary} attempt={attempt} />
              <form noValidate onSubmit={onVerify}>
                <Stack gap="md" align="flex-start">
                  <TextInput {...bind('code')} label={t.totp.codeLabel} inputMode="numeric" autoComplete="one-time-code" maxLength={7} className={classes.codeInput} />
                  <Button type="submit" loading={verify.isPending}>{t.totp.verify}</Button>
                </Stack>
              </form>
            </section>
          </>
        )}
        <Anchor component={Link} to={ACCOUNT_PATH} underline="always">{t.accountLinks.back}</Anchor>
      </Stack>
    </Container>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useI18n();
  const text = `${codes.join('\n')}\n`;
  const [href] = useState(() => URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' })));
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <section aria-labelledby="recovery-title">
      <Title order={2} size="h3" id="recovery-title" mb="sm">{t.totp.recoveryTitle}</Title>
      <Alert color="yellow" variant="light" mb="md">{t.totp.recoveryText}</Alert>
      <Paper withBorder p="md" radius="md">
        <List aria-label={t.totp.recoveryTitle} className={classes.codes} listStyleType="none">
          {codes.map((c) => <List.Item key={c}><Code>{c}</Code></List.Item>)}
        </List>
      </Paper>
      <Group gap="sm" mt="md">
        <Button component="a" href={href} download={t.totp.fileName}>{t.totp.download}</Button>
        <CopyButton value={text}>
          {({ copied, copy }) => <Button variant="outline" onClick={copy}>{copied ? t.totp.copied : t.totp.copy}</Button>}
        </CopyButton>
        <Button component={Link} to={ACCOUNT_PATH}>{t.totp.finished}</Button>
      </Group>
    </section>
  );
}
