import { Anchor, Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { loginHref, oidcStartHref } from '../redirect';

/** Where a failed national sign-in lands (the API redirects here with `ma`, `ly-do`, `yeu-cau` and `next`). */
export function NationalErrorPage() {
  const { t } = useI18n();
  useDocumentTitle(t.national.errorTitle);
  const [params] = useSearchParams();
  const code = params.get('ma');
  const reason = params.get('ly-do');
  const requestId = params.get('yeu-cau');
  // The page the person was going to before signing in, kept through every way back.
  const next = params.get('next');
  const n = t.national;
  const [message, help] =
    code === 'auth.oidc_id_unverified'
      ? [reason === 'missing' ? n.unverifiedMissing : reason === 'invalid' ? n.unverifiedInvalid : n.unverified, n.unverifiedHelp]
      : code === 'auth.oidc_disabled'
        ? [n.disabled, n.disabledHelp]
        : [n.failed, n.failedHelp];
  return (
    <Container size="xs" py="xl" px="md">
      <Stack gap="md" align="flex-start">
        <Title order={1}>{n.errorTitle}</Title>
        <Text size="lg" fw={600}>{message}</Text>
        <Text>{help}</Text>
        {code !== 'auth.oidc_disabled' ? (
          <Button component="a" href={oidcStartHref(next)} color="red.9">
            {n.tryAgain}
          </Button>
        ) : null}
        <Anchor component={Link} to={loginHref(next)} underline="always">
          {n.withPassword}
        </Anchor>
        {requestId ? <Text size="sm" c="gray.7">{n.reference(requestId)}</Text> : null}
      </Stack>
    </Container>
  );
}
