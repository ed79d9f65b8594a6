import { Text } from '@mantine/core';
import { useI18n } from '../../../i18n/context';

/** "Tìm thấy N thủ tục cho “q”", announced politely when it changes. */
export function ResultsSummary({ total, query, page, pages }: { total: number; query: string; page: number; pages: number }) {
  const { t } = useI18n();
  return (
    <Text role="status" aria-live="polite" fw={600} size="lg">
      {t.results.found(total)}
      {query ? t.results.forQuery(query) : ''}
      {pages > 1 ? <Text component="span" fw={400} size="md" c="dimmed">{` · ${t.results.pageOf(page, pages)}`}</Text> : null}
    </Text>
  );
}
