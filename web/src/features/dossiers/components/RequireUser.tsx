import { Container, Group, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { meQuery } from '../../account/queries';
import { loginHref } from '../../account/redirect';
import type { Me } from '../../account/types';

/** Renders its children for a signed-in user; anyone else signs in and comes back here. */
export function RequireUser({ children, official }: { children: (me: Me) => ReactNode; official?: boolean }) {
  const { t } = useI18n();
  const me = useQuery(meQuery());
  const location = useLocation();
  if (me.isPending) {
    return (
      <Container size="sm" py="xl" aria-busy="true">
        <Group gap="sm">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t.dossiers.loading}</Text>
        </Group>
      </Container>
    );
  }
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) return <Navigate to={loginHref(`${location.pathname}${location.search}`)} replace />;
  if (official && !me.data.grants.some((g) => g.role === 'ONE_STOP_OFFICER')) {
    return (
      <Container size="sm" py="xl">
        <Text role="alert">{t.dossiers.officialOnly}</Text>
      </Container>
    );
  }
  return <>{children(me.data)}</>;
}
