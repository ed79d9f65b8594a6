import { Alert, Button, Stack, Text } from '@mantine/core';
import { isApiError } from '../api/problem';
import { useI18n } from '../i18n/context';

/** A failed request: the problem's own title (Vietnamese from the server) and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  const network = !isApiError(error) || error.code === 'network';
  const title = network ? t.errors.network : error.title;
  return (
    <Alert color="red" variant="light" title={t.errors.title} role="alert">
      <Stack gap="sm" align="flex-start">
        {/* The server writes problem titles in Vietnamese. */}
        <Text size="sm" lang={network ? undefined : 'vi'}>
          {title}
        </Text>
        <Button variant="filled" color="red.9" onClick={onRetry}>
          {t.errors.retry}
        </Button>
      </Stack>
    </Alert>
  );
}
