import { Burger, Container } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ComponentType } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { AccountMenu } from '../features/account/components/AccountMenu';
import { meQuery } from '../features/account/queries';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { ADMIN_PATH, isAdministrator } from '../features/admin/access';
import { hasRole, isAccountant, isLeader, isProcessingOfficial } from '../features/backoffice/access';
import { backofficePaths } from '../features/backoffice/urls';
import { useI18n } from '../i18n/context';
import { Emblem } from './Emblem';
import { LanguageSwitch } from './LanguageSwitch';
import type { MenuDrawerProps } from './MenuDrawer';
import classes from './SiteHeader.module.css';

/**
 * The portal's header. On a phone the main navigation and the language switch fold into a
 * menu (a "Mở menu" button opening a drawer), so the header keeps to one short bar.
 *
 * The drawer's code arrives the first time the menu is opened (MenuDrawer.tsx). It is then shown
 * closed once and opened at the next render, so that it notes the button that opened it and gives
 * the focus back to it when it closes, as it does when it is there from the start.
 */
export function SiteHeader() {
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const [MenuDrawer, setMenuDrawer] = useState<ComponentType<MenuDrawerProps> | null>(null);
  const [openWhenLoaded, setOpenWhenLoaded] = useState(false);
  const burgerRef = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!MenuDrawer || !openWhenLoaded) return;
    setOpenWhenLoaded(false);
    setMenuOpen(true);
  }, [MenuDrawer, openWhenLoaded]);
  const toggleMenu = () => {
    if (MenuDrawer) return setMenuOpen((o) => !o);
    setOpenWhenLoaded(true);
    // If the file cannot be fetched (offline), the button does nothing.
    void import('./MenuDrawer').then(
      (m) => setMenuDrawer(() => m.MenuDrawer),
      () => setOpenWhenLoaded(false),
    );
  };
  return (
    <header className={classes.header}>
      <div className={classes.top}>
        <Container size="lg" className={classes.topInner}>
          <Link to="/" className={classes.brand}>
            <Emblem className={classes.emblem} />
            <span className={classes.brandText}>
              <span className={classes.portal}>{t.layout.portalName}</span>
              <span className="visually-hidden"> — </span>
              <span className={classes.ministry}>{t.layout.ministry}</span>
            </span>
          </Link>
          <div className={classes.tools}>
            <div className={classes.wideOnly}>
              <LanguageSwitch />
            </div>
            <NotificationBell />
            <AccountMenu />
            <Burger
              ref={burgerRef}
              opened={menuOpen}
              onClick={toggleMenu}
              color="white"
              size="sm"
              aria-label={t.layout.openMenu}
              aria-expanded={menuOpen}
              className={classes.burger}
            />
          </div>
        </Container>
      </div>
      {MenuDrawer ? (
        <MenuDrawer
          opened={menuOpen}
          onClose={() => {
            setMenuOpen(false);
            // Back to the button that opened it (Escape, the close button): the drawer mounted
            // after the first press, so its own focus return may not know the button.
            requestAnimationFrame(() => burgerRef.current?.focus());
          }}
          title={t.layout.menu}
          closeLabel={t.layout.closeMenu}
          bodyClassName={classes.drawerBody}
        >
          <nav aria-label={t.layout.mainNav}>
            <NavList drawer />
          </nav>
          <LanguageSwitch tone="light" />
        </MenuDrawer>
      ) : null}
      <nav aria-label={t.layout.mainNav} className={classes.nav}>
        <Container size="lg">
          <NavList />
        </Container>
      </nav>
    </header>
  );
}

/** The main navigation's links: a row under the bar on a wide screen, a column in the phone menu. */
function NavList({ drawer = false }: { drawer?: boolean }) {
  const { t } = useI18n();
  const me = useQuery(meQuery());
  const officer = me.data?.grants.some((g) => g.role === 'ONE_STOP_OFFICER');
  const linkClass = drawer ? classes.drawerLink : classes.navLink;
  return (
    <ul className={drawer ? classes.drawerList : classes.navList}>
      <li>
        <NavLink to="/" end className={linkClass}>
          {t.layout.navHome}
        </NavLink>
      </li>
      <li>
        <NavLink to="/thu-tuc" className={linkClass}>
          {t.layout.navProcedures}
        </NavLink>
      </li>
      <li>
        <NavLink to="/tra-cuu" className={linkClass}>
          {t.dossiers.openTracking}
        </NavLink>
      </li>
      {me.data?.kind === 'APPLICANT' ? (
        <li>
          <NavLink to="/ho-so-cua-toi" className={linkClass}>
            {t.dossiers.myNav}
          </NavLink>
        </li>
      ) : null}
      {officer ? (
        <li>
          <NavLink to="/can-bo/tiep-nhan" className={linkClass}>
            {t.dossiers.queueNav}
          </NavLink>
        </li>
      ) : null}
      {isProcessingOfficial(me.data) ? (
        <li>
          <NavLink to={backofficePaths.inbox} className={linkClass}>
            {t.layout.navInbox}
          </NavLink>
        </li>
      ) : null}
      {isLeader(me.data) ? (
        <li>
          <NavLink to={backofficePaths.signing} className={linkClass}>
            {t.layout.navSigning}
          </NavLink>
        </li>
      ) : null}
      {isAccountant(me.data) ? (
        <li>
          <NavLink to={backofficePaths.reconciliation} className={linkClass}>
            {t.payments.navReconciliation}
          </NavLink>
        </li>
      ) : null}
      {hasRole(me.data, 'LEADER') || hasRole(me.data, 'UNIT_HEAD') ? (
        <li>
          <NavLink to="/can-bo/thong-ke" className={linkClass}>
            {t.statistics.nav}
          </NavLink>
        </li>
      ) : null}
      {isAdministrator(me.data) ? (
        <li>
          <NavLink to={ADMIN_PATH} className={linkClass}>
            {t.layout.navAdmin}
          </NavLink>
        </li>
      ) : null}
      {me.data?.grants.some((g) => g.role === 'CATALOGUE_EDITOR' || g.role === 'PROCESS_DESIGNER') ? (
        <li>
          <NavLink to="/bien-tap-thu-tuc" className={linkClass}>
            {t.layout.navEditor}
          </NavLink>
        </li>
      ) : null}
    </ul>
  );
}
