import { Badge } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import type { DeadlineState } from '../types';

const colours: Record<DeadlineState, string> = {
  OVERDUE: 'red.9',
  DUE_SOON: 'orange.9',
  ON_TRACK: 'green.9',
  PAUSED: 'gray.8',
  NONE: 'gray.8',
};

/** The deadline state in words (never by colour alone): Quá hạn, Sắp đến hạn, Còn hạn, Tạm dừng. */
export function DeadlineBadge({ state }: { state: DeadlineState }) {
  const { t } = useI18n();
  return (
    <Badge color={colours[state]} variant={state === 'OVERDUE' ? 'filled' : 'light'} radius="sm" tt="none" size="md" data-deadline={state}>
      {t.backoffice.deadline[state]}
    </Badge>
  );
}
