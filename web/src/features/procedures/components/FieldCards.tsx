import { Skeleton, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { localName } from '../procedure-view';
import { fieldsQuery } from '../queries';
import { resultsHref } from '../search-state';
import classes from './FieldCards.module.css';

/** Fields (lĩnh vực) as links to their procedures, with how many each holds. */
export function FieldCards() {
  const { t, lang } = useI18n();
  const fields = useQuery(fieldsQuery());
  if (fields.isPending) {
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={88} radius="md" />
        ))}
      </SimpleGrid>
    );
  }
  if (fields.isError) return <ErrorState error={fields.error} onRetry={() => void fields.refetch()} />;
  return (
    <ul className={classes.grid}>
      {fields.data.items.map((f) => (
        <li key={f.code}>
          <Link to={resultsHref({ field: f.code })} className={classes.card}>
            <span className={classes.name}>{localName(f, lang)}</span>
            <Text component="span" size="sm" c="dimmed">
              {t.home.fieldCount(f.procedureCount)}
            </Text>
          </Link>
        </li>
      ))}
    </ul>
  );
}
