import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router';

/** A navigation that keeps the scroll position: `navigate(to, { state: KEEP_SCROLL })`, `setSearchParams(p, { state: KEEP_SCROLL })`. */
export const KEEP_SCROLL = { keepScroll: true } as const;

/** Where each page of this tab's history was scrolled to, by history entry. */
const positions = new Map<string, number>();
const MAX_POSITIONS = 200;

/**
 * Scrolls as a full page load would: a new page starts at the top (or at its #fragment), Back and
 * Forward return to where the page was left. Navigations with `KEEP_SCROLL` (the search filters,
 * the procedure's case choice) stay where they are.
 */
export function useScrollOnNavigate(): void {
  const location = useLocation();
  const navigationType = useNavigationType();
  const { key, hash } = location;
  const keep = (location.state as { keepScroll?: boolean } | null)?.keepScroll === true;

  // The entry shown: set before this render's scrolling, so that the scroll events it causes count for it.
  const shown = useRef(key);

  useEffect(() => {
    window.history.scrollRestoration = 'manual';
    // Remember where the entry shown is scrolled to, to come back to it.
    const save = () => {
      positions.delete(shown.current);
      positions.set(shown.current, window.scrollY);
      if (positions.size > MAX_POSITIONS) positions.delete(positions.keys().next().value!);
    };
    window.addEventListener('scroll', save, { passive: true });
    return () => {
      window.removeEventListener('scroll', save);
      window.history.scrollRestoration = 'auto';
    };
  }, []);

  useLayoutEffect(() => {
    shown.current = key;
    const saved = positions.get(key);
    if (navigationType === 'POP' && saved !== undefined) {
      window.scrollTo(0, saved);
      return;
    }
    if (hash) {
      const target = document.getElementById(decodeURIComponent(hash.slice(1)));
      if (target) {
        target.scrollIntoView();
        return;
      }
    }
    if (navigationType !== 'POP' && !keep) window.scrollTo(0, 0);
    // Only a new history entry scrolls: renders of the same entry do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
