import { Stack } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import type { ProcedureSummary } from '../types';
import { ResultCard } from './ResultCard';
import classes from './ResultsList.module.css';

export function ResultsList({ items, query, busy }: { items: ProcedureSummary[]; query: string; busy: boolean }) {
  const { t } = useI18n();
  return (
    <Stack component="ol" gap="md" aria-label={t.results.listLabel} aria-busy={busy} className={classes.list} data-busy={busy}>
      {items.map((item) => (
        <li key={item.code}>
          <ResultCard item={item} query={query} />
        </li>
      ))}
    </Stack>
  );
}
