import { List, Stack, Text, Title } from '@mantine/core';
import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { sectionTitle } from '../sections';
import type { ProcedureDetail } from '../types';

/** Who can apply, at which level of government, and under what conditions. */
export function WhoSection({ procedure }: { procedure: ProcedureDetail }) {
  const { t } = useI18n();
  const requirements = procedure.version.requirements;
  return (
    <PageSection id="doi-tuong" title={sectionTitle(t, 'doi-tuong')}>
      <Stack gap="sm">
        <Text>{procedure.applicantTypes.map((a) => t.applicantTypes[a] ?? a).join(', ')}</Text>
        {procedure.implementationLevels.length > 0 ? (
          <Text size="sm">
            {t.procedure.implementationLevels}: {procedure.implementationLevels.map((l) => t.implementationLevels[l] ?? l).join(', ')}
          </Text>
        ) : null}
        <Title order={3} size="h4" mt="xs">
          {t.procedure.requirementsTitle}
        </Title>
        {requirements.length > 0 ? (
          <List spacing={4} lang="vi">
            {requirements.map((r) => (
              <List.Item key={r}>{r}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{t.procedure.none}</Text>
        )}
      </Stack>
    </PageSection>
  );
}
