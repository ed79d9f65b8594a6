import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After moving to another page, puts keyboard and screen-reader focus at the start of the
 * main content, as a full page load would. Changes of query string (filters) keep focus.
 */
export function useFocusMainOnNavigate(mainId: string): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById(mainId)?.focus({ preventScroll: true });
  }, [pathname, mainId]);
}
