import { Group, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { localName } from '../procedure-view';
import { procedureHref } from '../search-state';
import type { ProcedureSummary } from '../types';
import { HighlightedText } from './HighlightedText';
import { LevelBadge } from './LevelBadge';
import classes from './ResultCard.module.css';

export function ResultCard({ item, query }: { item: ProcedureSummary; query: string }) {
  const { t, lang } = useI18n();
  return (
    <article className={classes.card}>
      <Title order={2} className={classes.title}>
        <Link to={procedureHref(item.code)} className={classes.link} lang="vi">
          <HighlightedText text={item.name} query={query} />
        </Link>
      </Title>
      <Group gap="xs" mt={6} wrap="wrap">
        <LevelBadge level={item.onlineLevel} />
      </Group>
      <dl className={classes.meta}>
        <div>
          <dt>{t.results.code}:</dt>
          <dd>{item.code}</dd>
        </div>
        <div>
          <dt>{t.results.field}:</dt>
          <dd>{localName(item.field, lang)}</dd>
        </div>
        {item.implementingAgency ? (
          <div>
            <dt>{t.results.agency}:</dt>
            <dd>{localName(item.implementingAgency, lang)}</dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}
