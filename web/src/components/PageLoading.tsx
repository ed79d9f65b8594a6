import { Container, Group, Loader, Text } from '@mantine/core';
import { useI18n } from '../i18n/context';

/** Shown while a page's code arrives: announced once to screen readers, with room kept for the page. */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <Container size="lg" py="xl" px="md" mih="60vh">
      <Group gap="sm" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden="true" />
        <Text>{t.layout.pageLoading}</Text>
      </Group>
    </Container>
  );
}
