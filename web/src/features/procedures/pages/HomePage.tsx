import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { FieldCards } from '../components/FieldCards';
import { HowItWorks } from '../components/HowItWorks';
import { SearchForm } from '../components/SearchForm';
import { RESULTS_PATH, resultsHref } from '../search-state';
import classes from './HomePage.module.css';

export function HomePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  useDocumentTitle(t.meta.siteTitle);
  return (
    <>
      <div className={classes.hero}>
        <Container size="lg">
          <Stack gap="md" maw={760}>
            <Title order={1} className={classes.title}>
              {t.home.title}
            </Title>
            <Text size="lg">{t.home.lead}</Text>
            <div className={classes.searchBox}>
              <SearchForm size="lg" suggest onSearch={(q) => void navigate(resultsHref({ q }))} />
            </div>
          </Stack>
        </Container>
      </div>
      <Container size="lg">
        <Stack gap="xl" py="xl">
          <section aria-labelledby="fields-title">
            <Title order={2} id="fields-title" mb="md">
              {t.home.fieldsTitle}
            </Title>
            <FieldCards />
            <Anchor component={Link} to={RESULTS_PATH} mt="md" display="inline-block" underline="always">
              {t.home.allProcedures}
            </Anchor>
          </section>
          <section aria-labelledby="how-title">
            <Title order={2} id="how-title" mb="md">
              {t.home.howTitle}
            </Title>
            <HowItWorks />
          </section>
        </Stack>
      </Container>
    </>
  );
}
