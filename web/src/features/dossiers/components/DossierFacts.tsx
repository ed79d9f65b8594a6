import { Paper } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { applicantWithFiler } from '../applicant';
import { vnDate } from '../journey';
import type { Dossier } from '../types';
import { StatusBadge } from './StatusBadge';
import classes from './Dossiers.module.css';
import termsClasses from '../../../components/Terms.module.css';

/** Code, status, procedure, applicant, dates: what a dossier is at a glance. */
export function DossierFacts({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers;
  return (
    <Paper withBorder radius="md" p="md">
      <dl className={termsClasses.terms}>
        <dt>{d.status}</dt>
        <dd>
          <StatusBadge status={dossier.status} />
        </dd>
        <dt>{d.code}</dt>
        <dd className={dossier.code ? classes.code : undefined}>{dossier.code ?? d.draftCode}</dd>
        <dt>{d.procedure}</dt>
        <dd lang="vi">{dossier.procedure.name}</dd>
        <dt>{d.case}</dt>
        <dd lang="vi">{dossier.case.name}</dd>
        <dt>{d.applicant}</dt>
        <dd lang="vi">{applicantWithFiler(dossier.applicant.fullName, dossier.applicant.filedByName, d.filedBy)}</dd>
        <dt>{d.channel}</dt>
        <dd>{d.channels[dossier.channel]}</dd>
        {dossier.origin === 'NSW' ? (
          <>
            <dt>{d.origin}</dt>
            <dd>{d.origins.NSW}</dd>
          </>
        ) : null}
        {dossier.submittedAt ? (
          <>
            <dt>{d.submittedOn}</dt>
            <dd>{vnDate(dossier.submittedAt)}</dd>
          </>
        ) : null}
        <dt>{d.appointment}</dt>
        <dd>{dossier.appointmentAt ? vnDate(dossier.appointmentAt) : d.appointmentAfterReception}</dd>
        <dt>{d.receivingUnit}</dt>
        <dd lang="vi">{dossier.receivingUnit.name}</dd>
      </dl>
    </Paper>
  );
}
