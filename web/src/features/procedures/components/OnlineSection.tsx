import { Anchor, Text } from '@mantine/core';
import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { onlineStatement } from '../online-statement';
import { sectionTitle } from '../sections';
import type { ProcedureCase } from '../types';
import { LevelBadge } from './LevelBadge';
import classes from './OnlineSection.module.css';

export function OnlineSection({ procedureCase }: { procedureCase: ProcedureCase }) {
  const { t, lang } = useI18n();
  const external = procedureCase.capabilities.externalSystem;
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
      </div>
    </PageSection>
  );
}
