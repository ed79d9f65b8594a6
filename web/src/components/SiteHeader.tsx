import { Container } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, NavLink } from 'react-router';
import { AccountMenu } from '../features/account/components/AccountMenu';
import { meQuery } from '../features/account/queries';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { ADMIN_PATH, isAdministrator } from '../features/admin/access';
import { isLeader, isProcessingOfficial } from '../features/backoffice/access';
import { backofficePaths } from '../features/backoffice/urls';
import { useI18n } from '../i18n/context';
import { Emblem } from './Emblem';
import { LanguageSwitch } from './LanguageSwitch';
import classes from './SiteHeader.module.css';

export function SiteHeader() {
  const { t } = useI18n();
  const me = useQuery(meQuery());
  const officer = me.data?.grants.some((g) => g.role === 'ONE_STOP_OFFICER');
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
            <LanguageSwitch />
            <NotificationBell />
            <AccountMenu />
          </div>
        </Container>
      </div>
      <nav aria-label={t.layout.mainNav} className={classes.nav}>
        <Container size="lg">
          <ul className={classes.navList}>
            <li>
              <NavLink to="/" end className={classes.navLink}>
                {t.layout.navHome}
              </NavLink>
            </li>
            <li>
              <NavLink to="/thu-tuc" className={classes.navLink}>
                {t.layout.navProcedures}
              </NavLink>
            </li>
            <li>
              <NavLink to="/tra-cuu" className={classes.navLink}>
                {t.dossiers.openTracking}
              </NavLink>
            </li>
            {me.data?.kind === 'APPLICANT' ? (
              <li>
                <NavLink to="/ho-so-cua-toi" className={classes.navLink}>
                  {t.dossiers.myNav}
                </NavLink>
              </li>
            ) : null}
            {officer ? (
              <li>
                <NavLink to="/can-bo/tiep-nhan" className={classes.navLink}>
                  {t.dossiers.queueNav}
                </NavLink>
              </li>
            ) : null}
            {isProcessingOfficial(me.data) ? (
              <li>
                <NavLink to={backofficePaths.inbox} className={classes.navLink}>
                  {t.backoffice.navInbox}
                </NavLink>
              </li>
            ) : null}
            {isLeader(me.data) ? (
              <li>
                <NavLink to={backofficePaths.signing} className={classes.navLink}>
                  {t.backoffice.navSigning}
                </NavLink>
              </li>
            ) : null}
            {isAdministrator(me.data) ? (
              <li>
                <NavLink to={ADMIN_PATH} className={classes.navLink}>
                  {t.admin.navLink}
                </NavLink>
              </li>
            ) : null}
          </ul>
        </Container>
      </nav>
    </header>
  );
}
