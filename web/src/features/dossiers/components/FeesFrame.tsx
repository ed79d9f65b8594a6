import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/context';

/**
 * The review step's fee section: the same frame and heading while the lines are computed as
 * after, so that the section does not grow under the applicant's thumb (the "Nộp hồ sơ" button
 * is below it).
 */
export function FeesFrame({ title, busy = false, children }: { title: string; busy?: boolean; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="review-fees" aria-busy={busy || undefined}>
      <Title order={2} size="h4" id="review-fees" mb="xs">{title}</Title>
      {children}
    </Paper>
  );
}

/** The fee section while its lines are computed: the frame, marked busy, with one line saying so. */
export function FeesComputing() {
  const p = useI18n().t.payments;
  return (
    <FeesFrame title={p.dueTitle} busy>
      <Text size="sm" c="gray.8">{p.dueLoading}</Text>
    </FeesFrame>
  );
}
