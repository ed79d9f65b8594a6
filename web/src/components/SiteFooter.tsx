import { Anchor, Container, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../i18n/context';
import classes from './SiteFooter.module.css';

export function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer className={classes.footer}>
      <Container size="lg">
        <Stack gap={6}>
          <Text fw={600}>
            {t.layout.portalName} — {t.layout.ministry}
          </Text>
          <Text size="sm">{t.layout.footerHelp}</Text>
          <Text size="sm">
            {t.layout.footerAbout} {t.layout.footerLicense}{' '}
            <Anchor href="/docs" c="inherit" underline="always">
              {t.layout.footerApi}
            </Anchor>{' '}
            <Anchor component={Link} to="/cong-khai" c="inherit" underline="always">
              {t.statistics.publicNav}
            </Anchor>
            {' · '}
            <Anchor component={Link} to="/du-lieu-mo" c="inherit" underline="always">
              {t.openData.title}
            </Anchor>
          </Text>
        </Stack>
      </Container>
    </footer>
  );
}
