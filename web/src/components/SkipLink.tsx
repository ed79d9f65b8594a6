import type { MouseEvent } from 'react';
import { useI18n } from '../i18n/context';
import classes from './SkipLink.module.css';

export const MAIN_ID = 'main-content';

/** First focusable element: jumps past the header straight to the page content. */
export function SkipLink() {
  const { t } = useI18n();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a href={`#${MAIN_ID}`} className={classes.link} onClick={handleClick}>
      {t.layout.skipLink}
    </a>
  );
}
