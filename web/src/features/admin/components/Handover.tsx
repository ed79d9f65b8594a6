import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../../i18n/context';
import { SecretValue } from './SecretValue';

/**
 * What an official needs for a first sign-in, shown to the administrator once: the temporary
 * password (new accounts), the authenticator key and the recovery codes. Takes focus when it
 * appears so that it is read out.
 */
export function Handover({ title, temporaryPassword, totpSecret, recoveryCodes, onClose }: {
  title: string; temporaryPassword?: string; totpSecret: string; recoveryCodes: string[]; onClose: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="handover-title" style={{ borderColor: 'var(--mantine-color-orange-7)' }}>
      <Stack gap="md">
        <Title order={3} id="handover-title" ref={ref} tabIndex={-1}>
          {title}
        </Title>
        <Alert color="orange.9" variant="light" title={t.admin.shownOnceTitle}>
          <Text size="sm">{t.admin.handoverWarning}</Text>
        </Alert>
        {temporaryPassword ? <SecretValue id="temporary-password" label={t.admin.temporaryPassword} value={temporaryPassword} /> : null}
        <SecretValue id="totp-secret" label={t.admin.totpSecret} value={totpSecret} />
        <Stack gap={4}>
          <SecretValue id="recovery-codes" label={t.admin.recoveryCodes} value={recoveryCodes.join('\n')} />
        </Stack>
        <Button variant="default" onClick={onClose} style={{ alignSelf: 'flex-start' }}>
          {t.admin.done}
        </Button>
      </Stack>
    </Paper>
  );
}
