import { Alert, Anchor, Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { JourneyProgress } from '../components/JourneyProgress';
import { PaymentsBox } from '../components/PaymentsBox';
import { RequireUser } from '../components/RequireUser';
import { StatusBadge } from '../components/StatusBadge';
import { JOURNEY_STEPS, vnDate } from '../journey';
import { dossierQuery } from '../queries';
import { dossierFiles, dossierPaths } from '../urls';
import classes from '../components/Dossiers.module.css';
import termsClasses from '../../../components/Terms.module.css';

/** Step 5: the dossier code, the appointment, the receipt slip and how to follow the dossier. */
export function DonePage() {
  const { t } = useI18n();
  useDocumentTitle(t.dossiers.doneTitle);
  return <RequireUser>{() => <Done />}</RequireUser>;
}

function Done() {
  const { t } = useI18n();
  const d = t.dossiers;
  const id = useParams().dossierId ?? '';
  const dossier = useQuery(dossierQuery(id));
  return (
    <Container size="sm" py="lg" px="md">
      <JourneyProgress step={JOURNEY_STEPS} />
      {dossier.isError ? <ErrorState error={dossier.error} onRetry={() => void dossier.refetch()} /> : null}
      {dossier.data ? (
        <Stack gap="md">
          <Alert color="green" variant="light" role="status">
            <Title order={1} size="h2">
              {d.doneTitle}
            </Title>
            <Text mt="xs">{d.doneLead}</Text>
          </Alert>
          <Paper withBorder radius="md" p="md">
            <dl className={termsClasses.terms}>
              <dt>{d.code}</dt>
              <dd className={classes.code} data-testid="dossier-code">
                {dossier.data.code}
              </dd>
              <dt>{d.status}</dt>
              <dd>
                <StatusBadge status={dossier.data.status} />
              </dd>
              <dt>{d.procedure}</dt>
              <dd lang="vi">{dossier.data.procedure.name}</dd>
              <dt>{d.appointment}</dt>
              <dd>{dossier.data.appointmentAt ? vnDate(dossier.data.appointmentAt) : d.appointmentAfterReception}</dd>
              <dt>{d.receivingUnit}</dt>
              <dd lang="vi">{dossier.data.receivingUnit.name}</dd>
            </dl>
            <Button component="a" href={dossierFiles.receipt(id)} target="_blank" rel="noopener" size="md" mt="md" fullWidth>
              {d.receiptPdf}
            </Button>
          </Paper>
          {dossier.data.status === 'AWAITING_PAYMENT' ? (
            <>
              <Alert color="yellow" variant="light">
                <Text fw={600}>{t.payments.awaitingLead}</Text>
              </Alert>
              <PaymentsBox dossierId={id} awaitingPayment title={t.payments.payTitle} />
            </>
          ) : null}
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="how-to-track">
            <Title order={2} size="h4" id="how-to-track">
              {d.howToTrack}
            </Title>
            <Text size="sm" mt="xs">
              {d.howToTrackText}
            </Text>
            <Stack gap={4} mt="sm">
              <Anchor component={Link} to={dossierPaths.detail(id)} underline="always">
                {d.openMyDossiers}
              </Anchor>
              <Anchor component={Link} to={dossierPaths.tracking(dossier.data.code ?? undefined)} underline="always">
                {d.openTracking}
              </Anchor>
            </Stack>
          </Paper>
        </Stack>
      ) : null}
    </Container>
  );
}
