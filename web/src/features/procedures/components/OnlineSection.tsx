import { Anchor, Button, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { meQuery } from '../../account/queries';
import { loginHref } from '../../account/redirect';
import { dossierPaths } from '../../dossiers/urls';
import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { onlineStatement } from '../online-statement';
import { sectionTitle } from '../sections';
import type { ProcedureCase } from '../types';
import { LevelBadge } from './LevelBadge';
import classes from './OnlineSection.module.css';

export function OnlineSection({ procedureCode, procedureCase }: { procedureCode: string; procedureCase: ProcedureCase }) {
  const { t, lang } = useI18n();
  const me = useQuery(meQuery());
  const external = procedureCase.capabilities.externalSystem;
  const online = procedureCase.capabilities.onlineSubmission && !external;
  const start = dossierPaths.start(procedureCode, procedureCase.code);
  const signedIn = Boolean(me.data);
  return (
    <PageSection id="truc-tuyen" title={sectionTitle(t, 'truc-tuyen')}>
      <div className={classes.statement}>
        <LevelBadge level={procedureCase.onlineLevel} />
        <Text mt="xs">{onlineStatement(procedureCase.capabilities, lang)}</Text>
        {external?.url ? (
          <Anchor href={external.url} mt="xs" display="inline-block" underline="always" rel="noopener noreferrer">
            {external.name}
          </Anchor>
        ) : null}
        {online ? (
          <div className={classes.apply}>
            <Button component={Link} to={signedIn ? start : loginHref(start)} size="lg" fullWidth className={classes.applyButton}>
              {t.dossiers.fileOnline}
            </Button>
            <Text size="sm" mt={6}>
              {signedIn ? t.dossiers.fileOnlineHint : t.dossiers.fileOnlineSignIn}
            </Text>
          </div>
        ) : null}
      </div>
    </PageSection>
  );
}

/**
 * On a phone the online section sits below the title, the notes and the case: the same action,
 * right under the procedure's title, so it is on the first screen. Hidden on wider screens.
 */
export function ApplyNow({ procedureCode, procedureCase }: { procedureCode: string; procedureCase: ProcedureCase }) {
  const { t } = useI18n();
  const me = useQuery(meQuery());
  if (!procedureCase.capabilities.onlineSubmission || procedureCase.capabilities.externalSystem) return null;
  const start = dossierPaths.start(procedureCode, procedureCase.code);
  return (
    <Button component={Link} to={me.data ? start : loginHref(start)} size="md" fullWidth hiddenFrom="md">
      {t.dossiers.fileOnline}
    </Button>
  );
}
