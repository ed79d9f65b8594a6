import { Skeleton, Stack } from '@mantine/core';
import { useI18n } from '../../../i18n/context';

export function ProcedureSkeleton() {
  const { t } = useI18n();
  return (
    <Stack gap="md" aria-busy="true">
      <span className="visually-hidden">{t.procedure.loading}</span>
      <Skeleton height={14} width="40%" />
      <Skeleton height={36} width="85%" />
      <Skeleton height={20} width="50%" />
      <Skeleton height={120} radius="md" />
      <Skeleton height={220} radius="md" />
    </Stack>
  );
}
