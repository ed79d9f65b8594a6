import '@mantine/core/styles/Code.css';
import { Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useI18n } from '../../../i18n/context';

/** A value shown once (a secret, a password), with a button that copies it. */
export function SecretValue({ label, value, id }: { label: string; value: string; id: string }) {
  const { t } = useI18n();
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm" id={`${id}-label`}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code block aria-labelledby={`${id}-label`} data-testid={id} style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap', fontSize: 'var(--mantine-font-size-sm)' }}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button variant="outline" size="sm" onClick={copy} aria-label={t.admin.copyLabel(label)} style={{ flexShrink: 0 }}>
              <span aria-live="polite">{copied ? t.admin.copied : t.admin.copy}</span>
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
