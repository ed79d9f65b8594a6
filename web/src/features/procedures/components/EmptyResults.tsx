import { Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../../../i18n/context';

/** No match: say so, and suggest what to try. */
export function EmptyResults({ hasFilters, onClearFilters }: { hasFilters: boolean; onClearFilters: () => void }) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3">
          {t.results.emptyTitle}
        </Title>
        <List spacing={4}>
          {t.results.emptyHints.map((hint) => (
            <List.Item key={hint}>
              <Text size="sm">{hint}</Text>
            </List.Item>
          ))}
        </List>
        {hasFilters ? (
          <Button variant="outline" onClick={onClearFilters}>
            {t.results.clearFilters}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
