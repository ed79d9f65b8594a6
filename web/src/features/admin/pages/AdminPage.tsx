import { Alert, Button, Container, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { PageLoading } from '../../../components/PageLoading';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { meQuery } from '../../account/queries';
import { loginHref } from '../../account/redirect';
import { Busy } from '../components/UnitsPanel';
import { ADMIN_PATH, isAdministrator } from '../access';
import classes from './AdminPage.module.css';

/** /quan-tri: the administrator's area, with one sub-page per section. */
export function AdminPage() {
  const { t } = useI18n();
  const me = useQuery(meQuery());
  const { pathname } = useLocation();
  const allowed = isAdministrator(me.data);
  useDocumentTitle(me.data && !allowed ? t.admin.noPermissionTitle : t.admin.title);

  if (me.isPending) {
    return (
      <Container size="md" py="xl" px="md">
        <Title order={1} mb="md">
          {t.admin.title}
        </Title>
        <Busy />
      </Container>
    );
  }
  if (me.isError) {
    return (
      <Container size="md" py="xl" px="md">
        <Title order={1} mb="md">
          {t.admin.title}
        </Title>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) return <Navigate to={loginHref(pathname)} replace />;
  if (!allowed) {
    return (
      <Container size="sm" py="xl" px="md">
        <Stack gap="md">
          <Title order={1}>{t.admin.noPermissionTitle}</Title>
          <Alert color="orange.9" variant="light" role="alert">
            <Text>{t.admin.noPermissionText}</Text>
          </Alert>
          <Button component={Link} to="/" variant="outline" style={{ alignSelf: 'flex-start' }}>
            {t.admin.backHome}
          </Button>
        </Stack>
      </Container>
    );
  }

  const sections = [
    { to: `${ADMIN_PATH}/don-vi`, label: t.admin.tabUnits },
    { to: `${ADMIN_PATH}/can-bo`, label: t.admin.tabOfficials },
    { to: `${ADMIN_PATH}/ung-dung`, label: t.admin.tabClients },
    { to: `${ADMIN_PATH}/xac-minh-to-chuc`, label: t.admin.tabClaims },
    { to: `${ADMIN_PATH}/lich-lam-viec`, label: t.admin.tabCalendar },
    { to: `${ADMIN_PATH}/dong-bo-dvcqg`, label: t.admin.tabDvcqg },
    { to: `${ADMIN_PATH}/webhook`, label: t.webhooks.tab },
  ];
  return (
    <Container size="md" py="xl" px="md">
      <Stack gap="lg">
        <Title order={1}>{t.admin.title}</Title>
        <nav aria-label={t.admin.sections}>
          <ul className={classes.tabs}>
            {sections.map((s) => (
              <li key={s.to}>
                <NavLink to={s.to} className={classes.tab}>
                  {s.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Stack>
    </Container>
  );
}
