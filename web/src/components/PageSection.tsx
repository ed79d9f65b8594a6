import { Title } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './PageSection.module.css';

/** A titled section: `<section>` named by its h2, so it shows in the landmarks list. */
export function PageSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={classes.section}>
      <Title order={2} id={`${id}-title`} className={classes.title}>
        {title}
      </Title>
      {children}
    </section>
  );
}
