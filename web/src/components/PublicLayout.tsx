import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { PageLoading } from './PageLoading';
import { useFocusMainOnNavigate } from '../lib/use-focus-main-on-navigate';
import { useScrollOnNavigate } from '../lib/use-scroll-on-navigate';
import { useReportShown } from '../lib/when-shown';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';
import { MAIN_ID, SkipLink } from './SkipLink';

export function PublicLayout() {
  useFocusMainOnNavigate(MAIN_ID);
  useScrollOnNavigate();
  useReportShown();
  return (
    <>
      <SkipLink />
      <SiteHeader />
      <main id={MAIN_ID} tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <SiteFooter />
    </>
  );
}
