import { List, Stack, Text, Title } from '@mantine/core';
import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { sectionTitle } from '../sections';
import type { ProcedureCase } from '../types';
import classes from './StepsSection.module.css';

/** The steps in order, then where and how to hand in the application. */
export function StepsSection({ procedureCase, submissionPlaces }: { procedureCase: ProcedureCase; submissionPlaces: string[] }) {
  const { t } = useI18n();
  return (
    <PageSection id="trinh-tu" title={sectionTitle(t, 'trinh-tu')}>
      <Stack gap="md">
        <ol className={classes.steps} lang="vi">
          {procedureCase.steps.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
        {submissionPlaces.length > 0 ? (
          <div>
            <Title order={3} size="h4" mb="xs">
              {t.procedure.submitTitle}
            </Title>
            <List spacing={4} lang="vi">
              {submissionPlaces.map((place) => (
                <List.Item key={place}>
                  <Text>{place}</Text>
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
      </Stack>
    </PageSection>
  );
}
