import { Alert, Anchor, Button, Container, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Navigate, useParams } from 'react-router';
import { isApiError, errorTitle } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AnswersReview } from '../components/AnswersReview';
import { ComponentFiles } from '../components/ComponentFiles';
import { DossierFacts } from '../components/DossierFacts';
import { PaymentsBox } from '../components/PaymentsBox';
import { ApologiesBox, RatingBox, ResultBox } from '../components/ResultSection';
import { DeliveryBox, ReceiptsBox } from '../components/DeliverySection';
import { RequireUser } from '../components/RequireUser';
import { SupplementRequestBox } from '../components/SupplementRequestBox';
import { Timeline } from '../components/Timeline';
import { DossierForm } from '../form/DossierForm';
import { problemField } from '../journey';
import { dossierQuery } from '../queries';
import { useResubmit, useWithdraw } from '../queries-detail';
import type { Answers, Dossier } from '../types';
import { dossierFiles, dossierPaths } from '../urls';
import classes from '../components/Dossiers.module.css';

const withdrawable = new Set(['SUBMITTED', 'RESUBMITTED', 'SUPPLEMENT_REQUESTED', 'RECEIVED', 'IN_PROGRESS', 'AWAITING_PAYMENT']);

export function DossierDetailPage() {
  return <RequireUser>{() => <DetailLoader />}</RequireUser>;
}

function DetailLoader() {
  const { t } = useI18n();
  const id = useParams().dossierId ?? '';
  const dossier = useQuery(dossierQuery(id));
  useDocumentTitle(dossier.data ? t.dossiers.detailTitle(dossier.data.code ?? t.dossiers.draftCode) : t.dossiers.myTitle);
  if (dossier.isPending) return <Container size="md" py="lg" aria-busy="true"><Text>{t.dossiers.loading}</Text></Container>;
  if (dossier.isError) {
    const notFound = isApiError(dossier.error) && dossier.error.status === 404;
    return (
      <Container size="md" py="lg">
        {notFound ? <NotFoundMessage title={t.dossiers.notFound} text={t.dossiers.notFoundText} /> : <ErrorState error={dossier.error} onRetry={() => void dossier.refetch()} />}
      </Container>
    );
  }
  if (dossier.data.status === 'DRAFT') return <Navigate to={dossierPaths.resume(id)} replace />;
  return <Detail dossier={dossier.data} />;
}

function Detail({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const [notice, setNotice] = useState<string | null>(null);
  const supplementOpen = dossier.status === 'SUPPLEMENT_REQUESTED' && dossier.supplementRequest && !dossier.supplementRequest.answeredAt;
  return (
    <Container size="md" py="lg" px="md">
      <Stack gap="md">
        <Title order={1} size="h2">
          {d.detailTitle(dossier.code ?? d.draftCode)}
        </Title>
        {notice ? <Alert color="green" variant="light" role="status">{notice}</Alert> : null}
        <ResultBox dossier={dossier} />
        <RatingBox dossier={dossier} />
        {/* Held for payment: paying is what the applicant has to do next, so it comes first. */}
        {dossier.status === 'AWAITING_PAYMENT' ? <PaymentsBox dossierId={dossier.id} awaitingPayment /> : null}
        <DossierFacts dossier={dossier} />
        {dossier.status !== 'AWAITING_PAYMENT' ? <PaymentsBox dossierId={dossier.id} /> : null}
        <DeliveryBox dossier={dossier} />
        <ReceiptsBox dossierId={dossier.id} />
        <ApologiesBox dossier={dossier} />
        {dossier.code && dossier.status !== 'REFUSED' ? (
          <Anchor href={dossierFiles.receipt(dossier.id)} target="_blank" rel="noopener" underline="always" fw={600}>
            {d.receiptPdf}
          </Anchor>
        ) : null}
        {dossier.status === 'REFUSED' ? (
          <Anchor href={dossierFiles.refusal(dossier.id)} target="_blank" rel="noopener" underline="always" fw={600}>
            {d.refusalPdf}
          </Anchor>
        ) : null}
        {dossier.supplementRequest ? <SupplementRequestBox dossier={dossier} /> : null}
        {supplementOpen ? <ResubmitSection dossier={dossier} onDone={() => setNotice(d.resubmitted)} /> : null}
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="timeline-title">
          <Title order={2} size="h4" id="timeline-title" mb="xs">{d.timeline}</Title>
          <Timeline dossierId={dossier.id} />
        </Paper>
        {!supplementOpen ? (
          <>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="answers-title">
              <Title order={2} size="h4" id="answers-title" mb="xs">{d.answers}</Title>
              <AnswersReview dossier={dossier} />
            </Paper>
            <section aria-labelledby="files-title">
              <Title order={2} size="h4" id="files-title" mb="xs">{d.attachments}</Title>
              <ComponentFiles dossier={dossier} editable={() => false} headingLevel={3} />
            </section>
          </>
        ) : null}
        {withdrawable.has(dossier.status) ? <WithdrawSection dossier={dossier} onDone={() => setNotice(d.withdrawn)} /> : null}
      </Stack>
    </Container>
  );
}

function ResubmitSection({ dossier, onDone }: { dossier: Dossier; onDone: () => void }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const request = dossier.supplementRequest!;
  const resubmit = useResubmit();
  const [answers, setAnswers] = useState<Answers>(dossier.answers);
  // The send button checks the form: it waits until the form and its validators are on the page.
  const [formReady, setFormReady] = useState(false);
  const onFormReady = useCallback(() => setFormReady(true), []);
  const [error, setError] = useState<{ title: string; items: { path: string; message: string }[] } | null>(null);
  const schema = dossier.form.schema as Parameters<typeof DossierForm>[0]['schema'];
  const uiSchema = dossier.form.uiSchema as Parameters<typeof DossierForm>[0]['uiSchema'];
  const fieldErrors = (error?.items ?? []).filter((e) => e.path.startsWith('answers')).map((e) => ({ path: problemField(e.path), message: e.message }));

  function send() {
    setError(null);
    resubmit.mutate(
      { id: dossier.id, answers: request.fields.length ? answers : undefined },
      {
        onSuccess: onDone,
        onError: (e) => setError(isApiError(e) ? { title: e.title, items: e.errors } : { title: errorTitle(e), items: [] }),
      },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="resubmit-title">
      <Title order={2} size="h3" id="resubmit-title">{d.resubmitTitle}</Title>
      <Text size="sm" mt={4} mb="md">{d.resubmitHint}</Text>
      <Stack gap="md">
        {request.fields.length ? (
          <DossierForm validatorUrl={dossier.form.validator ?? null} id="resubmit-form" onReady={onFormReady} schema={schema} uiSchema={uiSchema} answers={answers} onChange={setAnswers} editablePaths={request.fields} errors={fieldErrors} onSubmit={send}>
            <></>
          </DossierForm>
        ) : null}
        {request.components.length ? (
          <ComponentFiles dossier={dossier} editable={(c) => request.components.includes(c.id)} headingLevel={3} />
        ) : null}
        {error ? (
          <Alert color="red" variant="outline" role="alert">
            <Text size="sm" fw={600} lang="vi">{error.title}</Text>
            {error.items.length ? <ul lang="vi">{error.items.map((m) => <li key={m.path + m.message}>{m.message}</li>)}</ul> : null}
          </Alert>
        ) : null}
        <div className={classes.actions}>
          {request.fields.length ? (
            <Button type="submit" form="resubmit-form" size="md" disabled={!formReady} loading={resubmit.isPending}>{d.resubmit}</Button>
          ) : (
            <Button size="md" onClick={send} loading={resubmit.isPending}>{d.resubmit}</Button>
          )}
        </div>
      </Stack>
    </Paper>
  );
}

function WithdrawSection({ dossier, onDone }: { dossier: Dossier; onDone: () => void }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const withdraw = useWithdraw();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="withdraw-title">
      <Title order={2} size="h4" id="withdraw-title" mb="xs">{d.withdrawTitle}</Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < 5) return setError(d.withdrawReasonHint);
          setError(null);
          setConfirming(true);
        }}
      >
        <Stack gap="sm">
          <Textarea id="withdraw-reason" label={d.withdrawReason} description={d.withdrawReasonHint} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} autosize minRows={2} />
          {confirming ? (
            <Alert color="red" variant="light" role="alertdialog" aria-labelledby="withdraw-confirm">
              <Text id="withdraw-confirm" size="sm" fw={600}>{d.withdrawConfirm}</Text>
              <Group mt="sm" gap="sm">
                <Button
                  color="red.9"
                  loading={withdraw.isPending}
                  onClick={() =>
                    withdraw.mutate(
                      { id: dossier.id, reason: reason.trim() },
                      {
                        onSuccess: () => {
                          setConfirming(false);
                          onDone();
                        },
                        onError: (e) => {
                          setConfirming(false);
                          setError(isApiError(e) ? (e.errors[0]?.message ?? e.title) : errorTitle(e));
                        },
                      },
                    )
                  }
                >
                  {d.withdrawYes}
                </Button>
                <Button variant="default" onClick={() => setConfirming(false)}>{d.withdrawNo}</Button>
              </Group>
            </Alert>
          ) : (
            <Group>
              <Button type="submit" variant="outline" color="red.9">{d.withdraw}</Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
