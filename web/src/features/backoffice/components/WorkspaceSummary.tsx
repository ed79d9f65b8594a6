import { Alert, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { applicantWithFiler } from '../../dossiers/applicant';
import { OriginBadge } from '../../dossiers/components/OriginBadge';
import { StatusBadge } from '../../dossiers/components/StatusBadge';
import type { Dossier } from '../../dossiers/types';
import { dueDateTime } from '../format';
import type { ProcessingView } from '../types';
import { DeadlineBadge } from './DeadlineBadge';
import classes from './Backoffice.module.css';
import termsClasses from '../../../components/Terms.module.css';

/** The workspace header: what the dossier is, where it stands in its workflow, and its deadlines. */
export function WorkspaceSummary({ dossier, processing }: { dossier: Dossier; processing: ProcessingView }) {
  const { t } = useI18n();
  const b = t.backoffice;
  const w = processing.workflow;
  const d = processing.deadlines;
  const at = (iso: string | null) => (iso ? <time dateTime={iso}>{dueDateTime(iso)}</time> : '—');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="summary-title">
      <Title order={2} size="h4" id="summary-title" className="visually-hidden">{b.summary}</Title>
      {dossier.personalDataPurgedAt ? (
        <Alert color="gray" variant="light" mb="sm" title={b.personalDataPurged} data-testid="personal-data-purged">
          {b.personalDataPurgedHint(dueDateTime(dossier.personalDataPurgedAt))}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <dl className={termsClasses.terms}>
          <dt>{b.code}</dt>
          <dd className={classes.code}>{dossier.code ?? '—'}</dd>
          <dt>{b.procedure}</dt>
          <dd lang="vi">{dossier.procedure.name} <Text span size="xs" className={classes.muted}>({dossier.procedure.code})</Text></dd>
          <dt>{b.case}</dt>
          <dd lang="vi">{dossier.case.name}</dd>
          <dt>{b.applicant}</dt>
          <dd lang="vi">{applicantWithFiler(dossier.applicant.fullName, dossier.applicant.filedByName, t.dossiers.filedBy)}</dd>
          {dossier.origin === 'NSW' ? (
            <>
              <dt>{t.dossiers.origin}</dt>
              <dd><OriginBadge origin={dossier.origin} /></dd>
            </>
          ) : null}
          <dt>{b.status}</dt>
          <dd><StatusBadge status={dossier.status} /></dd>
          {w ? (
            <>
              <dt>{b.step}</dt>
              <dd lang="vi">{w.stepName ?? '—'}</dd>
              <dt>{b.assignee}</dt>
              <dd lang="vi">{w.assignee?.fullName ?? <Text span fs="italic">{b.unassigned}</Text>}</dd>
            </>
          ) : null}
        </dl>
        <dl className={termsClasses.terms} aria-label={b.deadlines}>
          <dt>{b.dueAt}</dt>
          <dd>
            <Group gap="xs">
              <span>{at(d.dueAt)}</span>
              <DeadlineBadge state={d.state} />
            </Group>
          </dd>
          <dt>{b.stepDueAt}</dt>
          <dd>{at(d.stepDueAt)}</dd>
          <dt>{b.appointmentAt}</dt>
          <dd>{at(d.appointmentAt)}</dd>
          <dt>{b.receivedAt}</dt>
          <dd>{at(d.receivedAt)}</dd>
          {d.resolvedAt ? (
            <>
              <dt>{b.resolvedAt}</dt>
              <dd>{at(d.resolvedAt)}</dd>
            </>
          ) : null}
        </dl>
      </SimpleGrid>
      {d.clockStoppedAt ? (
        <Alert color="gray" variant="light" mt="sm" data-testid="clock-stopped">
          <Text size="sm" fw={600}>{b.clockStopped(dueDateTime(d.clockStoppedAt))}</Text>
          {w?.coordinatingAgency ? <Text size="sm" lang="vi">{b.waitingAgency(w.coordinatingAgencyName ?? w.coordinatingAgency)}</Text> : null}
        </Alert>
      ) : null}
    </Paper>
  );
}
