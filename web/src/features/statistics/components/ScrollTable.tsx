import type { ReactNode } from 'react';
import classes from './Statistics.module.css';

/** A table that scrolls sideways on a phone; the scrolling region is reachable by keyboard. */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.scroll} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
