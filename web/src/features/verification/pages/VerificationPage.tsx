import { Alert, Button, Container, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { FileCheck } from '../components/FileCheck';
import { VerificationFacts } from '../components/VerificationFacts';
import { browserSha256 } from '../file-check';
import { documentVerificationQuery } from '../queries';

/** /xac-minh/:documentId — the page a signed document's QR code opens. Public. */
export function VerificationPage() {
  const { t } = useI18n();
  const v = t.verification;
  useDocumentTitle(v.title);
  const { documentId = '' } = useParams();
  const query = useQuery(documentVerificationQuery(documentId));

  const failure = query.error
    ? isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)
      ? v.notFound
      : isApiError(query.error) && query.error.status === 429
        ? v.rateLimited
        : t.errors.network
    : null;

  return (
    <Container size="sm" py="lg" px="md">
      <Stack gap="md">
        <Title order={1}>{v.title}</Title>
        <Text>{v.lead}</Text>
        {query.isPending ? (
          <Stack align="center" py="lg" role="status">
            <Loader aria-hidden />
            <Text>{v.loading}</Text>
          </Stack>
        ) : null}
        {failure ? (
          <Alert color="red" variant="light" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text>{failure}</Text>
              {isApiError(query.error) && query.error.isTransient ? (
                <Button variant="default" size="sm" onClick={() => void query.refetch()}>
                  {t.errors.retry}
                </Button>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        {query.data ? (
          <>
            <VerificationFacts data={query.data} />
            <FileCheck expectedSha256={query.data.sha256} digest={browserSha256()} />
          </>
        ) : null}
      </Stack>
    </Container>
  );
}
