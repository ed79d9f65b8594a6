import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { meQuery } from '../../account/queries';
import { badgeCount, NOTIFICATIONS_PATH } from '../notification-view';
import { unreadCountQuery } from '../queries';
import classes from './NotificationBell.module.css';

/** The header's bell for a signed-in person: the unread count (asked every minute), a link to /thong-bao. */
export function NotificationBell() {
  const me = useQuery(meQuery());
  if (!me.data) return null;
  return <Bell />;
}

function Bell() {
  const { t } = useI18n();
  const unread = useQuery(unreadCountQuery());
  const count = unread.data ?? 0;
  return (
    <Link to={NOTIFICATIONS_PATH} className={classes.bell} aria-label={unread.data === undefined ? t.notifications.title : t.notifications.bellLabel(count)}>
      <svg className={classes.icon} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" fill="currentColor" />
      </svg>
      {count > 0 ? (
        <span className={classes.badge} aria-hidden="true">
          {badgeCount(count)}
        </span>
      ) : null}
    </Link>
  );
}
