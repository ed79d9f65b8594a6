import { Alert, Text } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import type { ProcedureDetail } from '../types';

/** Says plainly when some of the figures shown are demonstration data. */
export function ProvenanceNote({ provenance }: { provenance: ProcedureDetail['provenance'] }) {
  const { t } = useI18n();
  if (provenance.confidence === 'SOURCED') return null;
  return (
    <Alert color="yellow" variant="light" title={t.procedure.illustrative} styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}>
      <Text size="sm">{t.procedure.illustrativeText}</Text>
      {provenance.note ? (
        <Text size="sm" mt={4} lang="vi">
          {provenance.note}
        </Text>
      ) : null}
    </Alert>
  );
}
