import { Container, Group, Loader, Text } from '@mantine/core';
import { useI18n } from '../i18n/context';

/** Shown while a page's code arrives: announced once to screen readers; the footer stays below the first screen meanwhile (global.css). */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <Container size="lg" py="xl" px="md" aria-busy="true">
      <Group gap="sm" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden="true" />
        <Text>{t.layout.pageLoading}</Text>
      </Group>
    </Container>
  );
}
