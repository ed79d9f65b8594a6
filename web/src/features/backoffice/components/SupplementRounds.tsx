import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { formFields } from '../../dossiers/journey';
import type { Dossier } from '../../dossiers/types';
import { dossierFiles } from '../../dossiers/urls';
import { dueDateTime } from '../format';
import type { SupplementRound } from '../types';
import classes from './Backoffice.module.css';

/** Every supplement round: why, what, when asked, and whether the applicant has answered. */
export function SupplementRounds({ dossier, rounds }: { dossier: Dossier; rounds: SupplementRound[] }) {
  const { t } = useI18n();
  const b = t.backoffice;
  if (rounds.length === 0) return null;
  const names = new Map(dossier.components.map((c) => [c.id, c.name]));
  const labels = new Map(formFields(dossier.form.schema).map((f) => [f.path, f.label]));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="rounds-title">
      <Title order={2} size="h4" id="rounds-title" mb="xs">{b.roundsTitle}</Title>
      <ol className={classes.list}>
        {rounds.map((r) => (
          <li key={r.round}>
            <Stack gap={2}>
              <Text fw={700}>{b.round(r.round)} — {r.answeredAt ? b.roundAnswered(dueDateTime(r.answeredAt)) : b.roundOpen}</Text>
              <Text size="sm" className={classes.muted}>{b.roundRequested(dueDateTime(r.requestedAt))}{r.dueAt && !r.answeredAt ? ` · ${b.roundDue(dueDateTime(r.dueAt))}` : ''}</Text>
              <Text size="sm" lang="vi" style={{ whiteSpace: 'pre-line' }}>{r.reason}</Text>
              {r.components.length ? (
                <>
                  <Text size="sm" fw={600}>{b.roundComponents}</Text>
                  <ul lang="vi">{r.components.map((c) => <li key={c}>{names.get(c) ?? c}</li>)}</ul>
                </>
              ) : null}
              {r.fields.length ? (
                <>
                  <Text size="sm" fw={600}>{b.roundFields}</Text>
                  <ul lang="vi">{r.fields.map((f) => <li key={f}>{labels.get(f) ?? f}</li>)}</ul>
                </>
              ) : null}
              <Anchor href={dossierFiles.supplementRequest(dossier.id, r.round)} target="_blank" rel="noopener" underline="always" size="sm">{t.dossiers.supplementPdf}</Anchor>
            </Stack>
          </li>
        ))}
      </ol>
    </Paper>
  );
}
