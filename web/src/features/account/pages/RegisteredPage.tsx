import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { Link, Navigate, useLocation } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { loginHref, REGISTER_PATH } from '../redirect';

/** What the registration page passes on: the address or number the account was made with. */
export interface RegisteredState {
  email?: string;
  phone?: string;
  /** The page the person was going to, kept for the sign-in after verifying. */
  next?: string | null;
}

export function RegisteredPage() {
  const { t } = useI18n();
  const state = (useLocation().state ?? {}) as RegisteredState;
  const byEmail = Boolean(state.email);
  useDocumentTitle(byEmail ? t.account.checkEmailTitle : t.account.registeredTitle);
  // Reached without registering (a bookmark, a reload in another tab): start again.
  if (!state.email && !state.phone) return <Navigate to={REGISTER_PATH} replace />;
  return (
    <Container size="xs" py="xl" px="md">
      <Stack gap="md">
        {byEmail ? (
          <>
            <Title order={1}>{t.account.checkEmailTitle}</Title>
            <Text size="lg">{t.account.checkEmailText(state.email!)}</Text>
            <Text>{t.account.checkEmailHint}</Text>
          </>
        ) : (
          <>
            <Title order={1}>{t.account.registeredTitle}</Title>
            <Text size="lg">{t.account.checkPhoneText(state.phone!)}</Text>
          </>
        )}
        <Anchor component={Link} to={loginHref(state.next)} underline="always">
          {t.account.loginLink}
        </Anchor>
      </Stack>
    </Container>
  );
}
