import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { dossierFiles } from '../../dossiers/urls';
import { dueDateTime } from '../format';
import type { ProcessingView } from '../types';
import { backofficeFiles, backofficePaths } from '../urls';
import { DocumentStatusBadge } from './DeadlineBadge';
import classes from './Backoffice.module.css';
import termsClasses from '../../../components/Terms.module.css';

/** The dossier's documents: the result (draft, signed, issued), apology letters, the receipt and the control sheet (template 05). */
export function DocumentsPanel({ dossierId, hasCode, processing }: { dossierId: string; hasCode: boolean; processing: ProcessingView }) {
  const { t } = useI18n();
  const b = t.backoffice;
  const result = processing.documents.find((d) => d.kind === 'RESULT');
  const apologies = processing.documents.filter((d) => d.kind === 'APOLOGY');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="documents-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="documents-title">{b.documentsTitle}</Title>
        {result ? (
          <section aria-labelledby="result-doc-title">
            <Group gap="xs" justify="space-between" align="flex-start">
              <Title order={3} size="h5" id="result-doc-title">{b.resultDocument}</Title>
              <DocumentStatusBadge status={result.status} />
            </Group>
            <Text size="sm" lang="vi" fw={600} mt={4}>{result.title}</Text>
            <dl className={termsClasses.terms}>
              {result.number ? (<><dt>{b.number}</dt><dd>{result.number}</dd></>) : null}
              {result.signer ? (<><dt>{b.signer}</dt><dd lang="vi">{result.signer.commonName}</dd></>) : null}
              {result.signedAt ? (<><dt>{b.signedAt}</dt><dd>{dueDateTime(result.signedAt)}</dd></>) : null}
              {result.issuedAt ? (<><dt>{b.issuedAt}</dt><dd>{dueDateTime(result.issuedAt)}</dd></>) : null}
              {result.sha256 ? (<><dt>{b.fingerprint}</dt><dd className={classes.code} style={{ fontSize: 'var(--mantine-font-size-xs)' }}>{result.sha256}</dd></>) : null}
            </dl>
            {result.status !== 'DRAFT' ? (
              <Stack gap={4} mt="xs">
                <Anchor href={backofficeFiles.result(dossierId)} target="_blank" rel="noopener" underline="always" fw={600}>{b.resultPdf}</Anchor>
                {result.status === 'ISSUED' ? (
                  <Anchor href={backofficePaths.verify(result.id)} target="_blank" rel="noopener" underline="always">{b.verifyLink}</Anchor>
                ) : null}
              </Stack>
            ) : null}
          </section>
        ) : null}
        {apologies.length ? (
          <section aria-labelledby="apologies-title">
            <Title order={3} size="h5" id="apologies-title">{b.apologyTitle}</Title>
            <ul className={classes.list}>
              {apologies.map((a, i) => {
                const next = typeof a.content.newAppointmentAt === 'string' ? a.content.newAppointmentAt : null;
                return (
                  <li key={a.id}>
                    <Anchor href={backofficeFiles.document(dossierId, a.id)} target="_blank" rel="noopener" underline="always" size="sm" fw={600}>{b.apologyPdf(i + 1)}</Anchor>
                    {next ? <Text size="sm">{b.newAppointment}: {dueDateTime(next)}</Text> : null}
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}
        {!result && apologies.length === 0 ? <Text size="sm" fs="italic">{b.noDocuments}</Text> : null}
        {processing.returned ? (
          <Text size="sm" fw={600}>
            {processing.returned.collectedBy
              ? b.returnedTo(processing.returned.collectedBy.fullName, dueDateTime(processing.returned.at))
              : b.returnedAt(dueDateTime(processing.returned.at))}
          </Text>
        ) : null}
        <Stack gap={4}>
          {hasCode ? <Anchor href={dossierFiles.receipt(dossierId)} target="_blank" rel="noopener" underline="always" size="sm">{b.receiptPdf}</Anchor> : null}
          {processing.deadlines.receivedAt ? (
            <Anchor href={backofficeFiles.controlSheet(dossierId)} target="_blank" rel="noopener" underline="always" size="sm">{b.controlSheet}</Anchor>
          ) : null}
        </Stack>
      </Stack>
    </Paper>
  );
}
