import { Anchor, Container, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AnswersReview } from '../../dossiers/components/AnswersReview';
import { ComponentFiles } from '../../dossiers/components/ComponentFiles';
import { Timeline } from '../../dossiers/components/Timeline';
import { dossierQuery } from '../../dossiers/queries';
import type { Dossier } from '../../dossiers/types';
import { ActionPanel } from '../components/ActionPanel';
import { DocumentsPanel } from '../components/DocumentsPanel';
import { PaymentsPanel } from '../components/PaymentsPanel';
import { PostalDeliveryPanel } from '../components/PostalDeliveryPanel';
import { ReceiptsBox } from '../../dossiers/components/DeliverySection';
import { RequireOfficial } from '../components/RequireOfficial';
import { ResultDraftSection } from '../components/ResultDraftForm';
import { SupplementRounds } from '../components/SupplementRounds';
import { WorkspaceSummary } from '../components/WorkspaceSummary';
import { processingQuery } from '../queries';
import type { ProcessingView } from '../types';
import { backofficePaths } from '../urls';
import '../styles';

/** /can-bo/ho-so/:dossierId — the official's workspace: the dossier, its position and deadlines, its documents, and the actions they may take. */
export function WorkspacePage() {
  return <RequireOfficial>{() => <WorkspaceLoader />}</RequireOfficial>;
}

function WorkspaceLoader() {
  const { t } = useI18n();
  const id = useParams().dossierId ?? '';
  const dossier = useQuery(dossierQuery(id));
  const processing = useQuery(processingQuery(id));
  useDocumentTitle(dossier.data ? t.backoffice.workspaceTitle(dossier.data.code ?? '') : t.backoffice.inboxTitle);
  const error = dossier.error ?? processing.error;
  if (error) {
    const notFound = isApiError(error) && error.status === 404;
    return (
      <Container size="lg" py="lg">
        {notFound ? (
          <NotFoundMessage title={t.dossiers.notFound} text={t.dossiers.notFoundText} />
        ) : (
          <ErrorState error={error} onRetry={() => void Promise.all([dossier.refetch(), processing.refetch()])} />
        )}
      </Container>
    );
  }
  if (!dossier.data || !processing.data) return <Container size="lg" py="lg" aria-busy="true"><Text>{t.backoffice.loading}</Text></Container>;
  return <Workspace dossier={dossier.data} processing={processing.data} />;
}

function Workspace({ dossier, processing }: { dossier: Dossier; processing: ProcessingView }) {
  const { t } = useI18n();
  const b = t.backoffice;
  const d = t.dossiers;
  return (
    <Container size="lg" py="lg">
      <Stack gap="md">
        <Anchor component={Link} to={backofficePaths.inbox} underline="always" size="sm">← {b.backToInbox}</Anchor>
        <Title order={1} size="h2">{b.workspaceTitle(dossier.code ?? '')}</Title>
        <WorkspaceSummary dossier={dossier} processing={processing} />
        <ActionPanel dossierId={dossier.id} processing={processing} components={dossier.components.map((c) => ({ id: c.id, name: c.name }))} />
        {processing.workflow?.mayDraftResult ? <ResultDraftSection dossierId={dossier.id} /> : null}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <SupplementRounds dossier={dossier} rounds={processing.supplementRounds} />
              <Paper withBorder radius="md" p="md" component="section" aria-labelledby="answers-title">
                <Title order={2} size="h4" id="answers-title" mb="xs">{d.answers}</Title>
                <AnswersReview dossier={dossier} />
              </Paper>
              <section aria-labelledby="files-title">
                <Title order={2} size="h4" id="files-title" mb="xs">{d.attachments}</Title>
                <ComponentFiles dossier={dossier} editable={() => false} headingLevel={3} />
              </section>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md">
              <DocumentsPanel dossierId={dossier.id} hasCode={Boolean(dossier.code)} processing={processing} />
              <PaymentsPanel dossier={dossier} />
              <PostalDeliveryPanel dossier={dossier} />
              <ReceiptsBox dossierId={dossier.id} />
              <Paper withBorder radius="md" p="md" component="section" aria-labelledby="timeline-title">
                <Title order={2} size="h4" id="timeline-title" mb="xs">{d.timeline}</Title>
                <Timeline dossierId={dossier.id} actionLabels={b.eventActions} />
              </Paper>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </Container>
  );
}
