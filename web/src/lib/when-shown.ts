import { useLayoutEffect } from 'react';
import { useLocation } from 'react-router';

/*
 * The router puts a new address on screen in a transition (BrowserRouter), so `navigate()` returns
 * before the next page is shown. Signing out must not forget the session before the page that
 * needs one is gone (it would send the person to the sign-in page): it waits with `whenShown`.
 */
const waiting = new Set<{ pathname: string; resolve: () => void }>();
/** Longest wait: past it, go on anyway rather than leave the person signed in on screen. */
const MAX_WAIT_MS = 3000;

/** Resolves once a page at `pathname` is on screen (or after 3 s). Call it before navigating. */
export function whenShown(pathname: string): Promise<void> {
  return new Promise((resolve) => {
    const entry = { pathname, resolve: () => {} };
    const timer = setTimeout(() => entry.resolve(), MAX_WAIT_MS);
    entry.resolve = () => {
      clearTimeout(timer);
      waiting.delete(entry);
      resolve();
    };
    waiting.add(entry);
  });
}

/** In the layout around every page: tells `whenShown` which page has just been put on screen. */
export function useReportShown(): void {
  const { key, pathname } = useLocation();
  useLayoutEffect(() => {
    for (const entry of [...waiting]) if (entry.pathname === pathname) entry.resolve();
  }, [key, pathname]);
}
