import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/NumberInput.css';
import '@mantine/core/styles/SegmentedControl.css';
import { Alert, Anchor, Button, Checkbox, Container, Group, NumberInput, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError, errorTitle } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AnswersReview } from '../components/AnswersReview';
import { ComponentFiles } from '../components/ComponentFiles';
import { DossierFacts } from '../components/DossierFacts';
import { RequireUser } from '../components/RequireUser';
import { SupplementRequestBox } from '../components/SupplementRequestBox';
import { Timeline } from '../components/Timeline';
import { formFields } from '../journey';
import { dossierQuery } from '../queries';
import { useReceive, useRefuse, useRequestSupplement } from '../queries-office';
import type { Dossier } from '../types';
import { dossierFiles, dossierPaths } from '../urls';
import { backofficePaths } from '../../backoffice/urls';

const awaiting = new Set(['SUBMITTED', 'RESUBMITTED']);

export function ReviewPage() {
  return <RequireUser official>{() => <ReviewLoader />}</RequireUser>;
}

function ReviewLoader() {
  const { t } = useI18n();
  const id = useParams().dossierId ?? '';
  const dossier = useQuery(dossierQuery(id));
  useDocumentTitle(dossier.data ? t.dossiers.detailTitle(dossier.data.code ?? '') : t.dossiers.reviewTitle2);
  if (dossier.isPending) return <Container size="md" py="lg" aria-busy="true"><Text>{t.dossiers.loading}</Text></Container>;
  if (dossier.isError) {
    const notFound = isApiError(dossier.error) && dossier.error.status === 404;
    return <Container size="md" py="lg">{notFound ? <NotFoundMessage title={t.dossiers.notFound} text={t.dossiers.notFoundText} /> : <ErrorState error={dossier.error} onRetry={() => void dossier.refetch()} />}</Container>;
  }
  return <Review dossier={dossier.data} />;
}

type Action = 'receive' | 'supplement' | 'refuse';

function Review({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const [action, setAction] = useState<Action>('receive');
  const [result, setResult] = useState<{ text: string; pdf: { href: string; label: string }; workspace?: boolean } | null>(null);
  const actionable = awaiting.has(dossier.status);
  return (
    <Container size="md" py="lg" px="md">
      <Stack gap="md">
        <Anchor component={Link} to={dossierPaths.queue} underline="always" size="sm">← {d.backToQueue}</Anchor>
        <Title order={1} size="h2">{d.detailTitle(dossier.code ?? '')}</Title>
        {result ? (
          <Alert color="green" variant="light" role="status">
            <Text fw={600}>{result.text}</Text>
            <Stack gap={4} mt={4}>
              <Anchor href={result.pdf.href} target="_blank" rel="noopener" underline="always" fw={600}>{result.pdf.label}</Anchor>
              {result.workspace ? (
                <Anchor component={Link} to={backofficePaths.workspace(dossier.id)} underline="always" fw={600}>{t.backoffice.openWorkspace}</Anchor>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <DossierFacts dossier={dossier} />
        {dossier.supplementRequest ? <SupplementRequestBox dossier={dossier} /> : null}
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="answers-title">
          <Title order={2} size="h4" id="answers-title" mb="xs">{d.answers}</Title>
          <AnswersReview dossier={dossier} />
        </Paper>
        <section aria-labelledby="files-title">
          <Title order={2} size="h4" id="files-title" mb="xs">{d.attachments}</Title>
          <ComponentFiles dossier={dossier} editable={() => false} headingLevel={3} />
        </section>
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="timeline-title">
          <Title order={2} size="h4" id="timeline-title" mb="xs">{d.timeline}</Title>
          <Timeline dossierId={dossier.id} />
        </Paper>
        {actionable ? (
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="actions-title">
            <Title order={2} size="h3" id="actions-title" mb="sm">{d.reviewTitle2}</Title>
            <SegmentedControl
              fullWidth
              value={action}
              onChange={(v) => setAction(v as Action)}
              data={[{ value: 'receive', label: d.receive }, { value: 'supplement', label: d.requestSupplement }, { value: 'refuse', label: d.refuse }]}
              aria-label={d.reviewTitle2}
              mb="md"
            />
            {action === 'receive' ? <ReceiveAction dossier={dossier} onDone={(code) => setResult({ text: d.actionReceived(code), pdf: { href: dossierFiles.receipt(dossier.id), label: d.receiptPdf }, workspace: true })} /> : null}
            {action === 'supplement' ? <SupplementAction dossier={dossier} onDone={(round) => setResult({ text: d.actionSupplement, pdf: { href: dossierFiles.supplementRequest(dossier.id, round), label: d.supplementPdf } })} /> : null}
            {action === 'refuse' ? <RefuseAction dossier={dossier} onDone={() => setResult({ text: d.actionRefused, pdf: { href: dossierFiles.refusal(dossier.id), label: d.refusalPdf } })} /> : null}
          </Paper>
        ) : !result ? (
          <Stack gap={4}>
            <Text size="sm" c="gray.8">{d.notActionable}</Text>
            {dossier.receivedAt ? (
              <Anchor component={Link} to={backofficePaths.workspace(dossier.id)} underline="always" fw={600}>{t.backoffice.openWorkspace}</Anchor>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Container>
  );
}

function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const title = errorTitle(error);
  const items = isApiError(error) ? error.errors : [];
  return (
    <Alert color="red" variant="outline" role="alert">
      <Text size="sm" fw={600} lang="vi">{title}</Text>
      {items.length ? <ul lang="vi">{items.map((e) => <li key={e.path + e.message}>{e.message}</li>)}</ul> : null}
    </Alert>
  );
}

function ReceiveAction({ dossier, onDone }: { dossier: Dossier; onDone: (code: string) => void }) {
  const { t } = useI18n();
  const receive = useReceive();
  return (
    <Stack gap="sm">
      <ProblemAlert error={receive.error} />
      <Button size="md" loading={receive.isPending} onClick={() => receive.mutate(dossier.id, { onSuccess: (r) => onDone(r.code ?? '') })}>
        {t.dossiers.receive}
      </Button>
    </Stack>
  );
}

function SupplementAction({ dossier, onDone }: { dossier: Dossier; onDone: (round: number) => void }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const request = useRequestSupplement();
  const [components, setComponents] = useState<string[]>([]);
  const [fields, setFields] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [due, setDue] = useState<number | string>(10);
  const fieldList = formFields(dossier.form.schema);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        request.mutate(
          { id: dossier.id, components, fields, reason: reason.trim(), dueInDays: typeof due === 'number' ? due : undefined },
          { onSuccess: (r) => onDone(r.supplementRequest?.round ?? 1) },
        );
      }}
    >
      <Stack gap="md">
        <ProblemAlert error={request.error} />
        <Checkbox.Group label={d.pickComponents} value={components} onChange={setComponents}>
          <Stack gap={6} mt="xs">
            {dossier.components.map((c) => <Checkbox key={c.id} value={c.id} label={<span lang="vi">{c.name}</span>} />)}
          </Stack>
        </Checkbox.Group>
        <Checkbox.Group label={d.pickFields} value={fields} onChange={setFields}>
          <Stack gap={6} mt="xs" mah={260} style={{ overflowY: 'auto' }}>
            {fieldList.map((f) => <Checkbox key={f.path} value={f.path} label={<span lang="vi">{f.label}</span>} />)}
          </Stack>
        </Checkbox.Group>
        <Textarea id="supplement-reason" label={d.reason} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} required />
        <NumberInput id="supplement-due" label={d.dueInDays} value={due} onChange={setDue} min={1} max={90} maw={200} />
        <Button type="submit" size="md" loading={request.isPending}>{d.sendSupplement}</Button>
      </Stack>
    </form>
  );
}

function RefuseAction({ dossier, onDone }: { dossier: Dossier; onDone: () => void }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const refuse = useRefuse();
  const [text, setText] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const reasons = text.split('\n').map((l) => l.trim()).filter(Boolean);
        refuse.mutate({ id: dossier.id, reasons }, { onSuccess: onDone });
      }}
    >
      <Stack gap="md">
        <ProblemAlert error={refuse.error} />
        <Textarea id="refuse-reasons" label={d.refuseReasons} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} required />
        <Group>
          <Button type="submit" size="md" color="red.9" loading={refuse.isPending}>{d.sendRefusal}</Button>
        </Group>
      </Stack>
    </form>
  );
}
