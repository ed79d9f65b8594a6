import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../i18n/context';
import { vnDateTime } from '../journey';
import { dossierEventsQuery } from '../queries-detail';
import classes from './Dossiers.module.css';

/** The dossier's events, oldest first; with `actionLabels`, each event also names what was done (the officials' view). */
export function Timeline({ dossierId, actionLabels }: { dossierId: string; actionLabels?: Record<string, string> }) {
  const { t } = useI18n();
  const events = useQuery(dossierEventsQuery(dossierId));
  if (!events.data) return <Text size="sm">{t.dossiers.loading}</Text>;
  return (
    <ol className={classes.timeline}>
      {events.data.items.map((e) => (
        <li key={e.id}>
          {actionLabels?.[e.action] ? (
            <Text size="sm" fw={600} component="span">
              {actionLabels[e.action]} ·{' '}
            </Text>
          ) : null}
          <Text size="sm" fw={600} component="span">
            {t.dossiers.statuses[e.toStatus] ?? e.label}
          </Text>{' '}
          <Text size="sm" c="gray.8" component="span">
            — <time dateTime={e.at}>{vnDateTime(e.at)}</time>
          </Text>
          {e.reason ? (
            <Text size="sm" lang="vi">
              {e.reason}
            </Text>
          ) : null}
          {e.internalNote ? (
            <Text size="sm" c="gray.8" lang="vi">
              {t.dossiers.internalNote}: {e.internalNote}
            </Text>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
