import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import classes from './FiltersDisclosure.module.css';

/** Filters are always shown beside the results on wide screens, folded behind a summary on phones. */
export function FiltersDisclosure({ summary, children }: { summary: string; children: ReactNode }) {
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  if (wide) return <>{children}</>;
  return (
    <details className={classes.details}>
      <summary className={classes.summary}>{summary}</summary>
      <div className={classes.content}>{children}</div>
    </details>
  );
}
