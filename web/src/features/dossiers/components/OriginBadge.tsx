import { Badge } from '@mantine/core';
import { useI18n } from '../../../i18n/context';

/** "Nguồn: Một cửa quốc gia" for a dossier filed through the National Single Window; nothing for OpenDVC's own. */
export function OriginBadge({ origin }: { origin: string | undefined }) {
  const { t } = useI18n();
  if (!origin || origin === 'OPENDVC') return null;
  const label = t.dossiers.origins[origin] ?? origin;
  return (
    <Badge variant="light" color="indigo" radius="sm" tt="none" c="indigo.9" data-origin={origin}>
      {`${t.dossiers.origin}: ${label}`}
    </Badge>
  );
}
