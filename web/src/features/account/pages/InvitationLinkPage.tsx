import { Alert, Anchor, Button, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useAnswerInvitationByToken } from '../flows';
import { meQuery } from '../queries';
import { loginHref } from '../redirect';
import { REPRESENTATIVES_PATH } from './RepresentativesPage';

export const INVITATION_LINK_PATH = '/loi-moi';

/** The invitation mail's link: sign in first (with the invited address), then accept or decline. */
export function InvitationLinkPage() {
  const { t } = useI18n();
  useDocumentTitle(t.reps.invitationsTitle);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const me = useQuery(meQuery());
  const answer = useAnswerInvitationByToken();

  if (me.isPending) return <Container size="sm" py="xl" aria-busy="true"><Loader size="sm" aria-hidden="true" /></Container>;
  if (!me.data) return <Navigate to={loginHref(`${INVITATION_LINK_PATH}?token=${encodeURIComponent(token)}`)} replace />;
  return (
    <Container size="sm" py="xl" px="md">
      <Stack gap="md">
        <Title order={1}>{t.reps.invitationsTitle}</Title>
        <Text>{t.reps.linkLead}</Text>
        {answer.isSuccess ? (
          <Alert color="green" variant="light" role="status">{answer.data.status === 'ACCEPTED' ? t.reps.accepted : t.reps.declined}</Alert>
        ) : (
          <Group gap="xs">
            <Button loading={answer.isPending} onClick={() => answer.mutate({ token, decision: 'accept' })}>{t.reps.accept}</Button>
            <Button variant="outline" loading={answer.isPending} onClick={() => answer.mutate({ token, decision: 'decline' })}>{t.reps.decline}</Button>
          </Group>
        )}
        {answer.isError ? <Alert color="red" role="alert">{isApiError(answer.error) ? answer.error.title : t.errors.network}</Alert> : null}
        <Anchor component={Link} to={REPRESENTATIVES_PATH} underline="always">{t.reps.title}</Anchor>
      </Stack>
    </Container>
  );
}
