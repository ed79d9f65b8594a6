import { Stack, Text } from '@mantine/core';
import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { validityText } from '../procedure-view';
import { sectionTitle } from '../sections';
import type { ProcedureDetail } from '../types';
import { LegalDocLine } from './LegalDocLine';
import classes from './LegalSection.module.css';

/** The laws the procedure rests on, the decision that published it, and since when it applies. */
export function LegalSection({ version }: { version: ProcedureDetail['version'] }) {
  const { t } = useI18n();
  return (
    <PageSection id="can-cu" title={sectionTitle(t, 'can-cu')}>
      <Stack gap="sm">
        <Text fw={600}>{validityText(version, t)}</Text>
        {version.publishingDecision ? (
          <Text size="sm">
            {t.procedure.publishedBy(version.publishingDecision.number)}: {version.publishingDecision.title}
          </Text>
        ) : null}
        <ul className={classes.list} lang="vi">
          {version.legalBasis.map((doc) => (
            <li key={doc.number}>
              <LegalDocLine doc={doc} />
            </li>
          ))}
        </ul>
      </Stack>
    </PageSection>
  );
}
