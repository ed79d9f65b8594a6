import { Text } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { clockTime } from '../journey';
import type { SaveState } from '../use-autosave';

/** "Đã lưu lúc 10:42", read out politely by screen readers. */
export function AutosaveStatus({ state, savedAt, updatedAt }: { state: SaveState; savedAt: Date | null; updatedAt: string }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const text =
    state === 'saving' || state === 'pending'
      ? d.saving
      : state === 'error'
        ? d.saveFailed
        : state === 'conflict'
          ? d.saveConflict
          : d.savedAt(clockTime(savedAt ?? new Date(updatedAt)));
  return (
    <Text size="sm" role="status" aria-live="polite" c={state === 'error' ? 'red.9' : 'gray.8'} data-testid="autosave-status">
      {text}
    </Text>
  );
}
