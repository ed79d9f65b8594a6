/** Pure helpers of the notification pages: where an item leads, how the bell is named. */
import type { Notification } from './types';

export const NOTIFICATIONS_PATH = '/thong-bao';

/**
 * The portal path an item opens: its own link when it is a path of this site (never another
 * origin or a script URL), else the dossier's page for this kind of user, else none.
 */
export function notificationHref(item: Pick<Notification, 'link' | 'dossierId'>, userKind: 'APPLICANT' | 'OFFICIAL'): string | null {
  if (item.link && /^\/(?![/\\])/.test(item.link)) return item.link;
  if (item.dossierId) {
    const id = encodeURIComponent(item.dossierId);
    return userKind === 'OFFICIAL' ? `/can-bo/ho-so/${id}` : `/ho-so-cua-toi/${id}`;
  }
  return null;
}

/** "99+" above 99. */
export function badgeCount(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

/** "14:05 28/11/2026" in Viet Nam time. */
export function formatNotificationTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('hour')}:${get('minute')} ${get('day')}/${get('month')}/${get('year')}`;
}
