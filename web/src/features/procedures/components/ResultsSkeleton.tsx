import { Skeleton, Stack } from '@mantine/core';
import { useI18n } from '../../../i18n/context';

export function ResultsSkeleton() {
  const { t } = useI18n();
  return (
    <Stack gap="md" aria-busy="true">
      <span className="visually-hidden">{t.results.loading}</span>
      {[0, 1, 2, 3].map((i) => (
        <Stack key={i} gap={8} p="md" bg="white" style={{ borderRadius: 8 }}>
          <Skeleton height={20} width="80%" />
          <Skeleton height={14} width="30%" />
          <Skeleton height={14} width="55%" />
        </Stack>
      ))}
    </Stack>
  );
}
