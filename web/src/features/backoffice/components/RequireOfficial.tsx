import { Container, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/context';
import type { Me } from '../../account/types';
import { RequireUser } from '../../dossiers/components/RequireUser';
import { isLeader, isProcessingOfficial } from '../access';

/** Renders its children for an official who handles dossiers (or, with `leader`, signs them); anyone else signs in or is told why not. */
export function RequireOfficial({ children, leader }: { children: (me: Me) => ReactNode; leader?: boolean }) {
  const { t } = useI18n();
  return (
    <RequireUser>
      {(me) =>
        (leader ? isLeader(me) : isProcessingOfficial(me)) ? (
          children(me)
        ) : (
          <Container size="sm" py="xl">
            <Text role="alert">{leader ? t.backoffice.leaderOnly : t.backoffice.officialOnly}</Text>
          </Container>
        )
      }
    </RequireUser>
  );
}
