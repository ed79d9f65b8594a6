import { List } from '@mantine/core';
import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { sectionTitle } from '../sections';
import type { ProcedureDetail } from '../types';

/** What the applicant receives at the end. */
export function OutcomeSection({ results }: { results: ProcedureDetail['version']['results'] }) {
  const { t } = useI18n();
  return (
    <PageSection id="ket-qua" title={sectionTitle(t, 'ket-qua')}>
      <List spacing={4} lang="vi">
        {results.map((r) => (
          <List.Item key={r.code ?? r.name}>{r.name}</List.Item>
        ))}
      </List>
    </PageSection>
  );
}
