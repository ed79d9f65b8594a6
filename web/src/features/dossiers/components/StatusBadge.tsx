import { Badge } from '@mantine/core';
import { useI18n } from '../../../i18n/context';

const colours: Record<string, string> = {
  DRAFT: 'gray',
  INTAKE: 'gray',
  SUBMITTED: 'blue',
  RESUBMITTED: 'blue',
  SUPPLEMENT_REQUESTED: 'orange',
  RECEIVED: 'teal',
  IN_PROGRESS: 'teal',
  AWAITING_PAYMENT: 'orange',
  RESULT_READY: 'green',
  RESULT_RETURNED: 'green',
  REFUSED: 'red',
  WITHDRAWN: 'gray',
  STOPPED: 'red',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Badge color={`${colours[status] ?? 'gray'}.9`} variant="light" radius="sm" tt="none" size="lg" styles={{ root: { height: 'auto', whiteSpace: 'normal' }, label: { whiteSpace: 'normal' } }}>
      {t.dossiers.statuses[status] ?? status}
    </Badge>
  );
}
