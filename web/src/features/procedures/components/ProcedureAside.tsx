import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { implementingAgency, localName, validityText } from '../procedure-view';
import { procedureSections } from '../sections';
import type { ProcedureDetail } from '../types';
import { LevelBadge } from './LevelBadge';
import classes from './ProcedureAside.module.css';

/** Key facts at a glance and links to each section. */
export function ProcedureAside({ procedure }: { procedure: ProcedureDetail }) {
  const { t, lang } = useI18n();
  const agency = implementingAgency(procedure);
  return (
    <Stack gap="md" className={classes.aside}>
      <section aria-labelledby="summary-title" className={`${classes.box} ${classes.summary}`}>
        <Title order={2} id="summary-title" size="h4" mb="sm">
          {t.procedure.summary}
        </Title>
        <dl className={classes.facts}>
          <dt>{t.procedure.code}</dt>
          <dd>{procedure.code}</dd>
          <dt>{t.procedure.level}</dt>
          <dd>
            <LevelBadge level={procedure.onlineLevel} />
          </dd>
          {agency ? (
            <>
              <dt>{t.agencyRoles.IMPLEMENTING}</dt>
              <dd>{localName(agency, lang)}</dd>
            </>
          ) : null}
          <dt>{t.procedure.currentVersion}</dt>
          <dd>{validityText(procedure.version, t)}</dd>
        </dl>
      </section>
      <nav aria-labelledby="toc-title" className={classes.box}>
        <Text id="toc-title" fw={600} mb="xs">
          {t.procedure.onThisPage}
        </Text>
        <ul className={classes.toc}>
          {procedureSections(t).map((s) => (
            <li key={s.id}>
              <Anchor href={`#${s.id}`} size="sm">
                {s.title}
              </Anchor>
            </li>
          ))}
        </ul>
      </nav>
    </Stack>
  );
}
