import type { notificationsVi } from './notifications.vi';

/** English texts of the notifications. Notification titles and bodies come in Vietnamese from the server. */
export const notificationsEn: typeof notificationsVi = {
  bellLabel: (unread: number) => (unread > 0 ? `Notifications, ${unread} unread` : 'Notifications, none unread'),
  title: 'Notifications',
  loading: 'Loading notifications…',
  empty: 'You have no notifications yet.',
  emptyUnread: 'You have read all your notifications.',
  listLabel: 'Notifications',
  unreadSummary: (n: number) => (n > 0 ? `${n} unread` : 'Nothing unread'),
  showAll: 'All',
  showUnread: 'Unread',
  filterLabel: 'Show',
  unreadBadge: 'Unread',
  markRead: 'Mark as read',
  markReadOf: (title: string) => `Mark as read: ${title}`,
  markAllRead: 'Mark all as read',
  markFailed: 'Could not mark it. Please try again.',
  open: 'Open the dossier',
  openOf: (title: string) => `Open the dossier: ${title}`,
  receivedAt: (time: string) => `At ${time}`,
  page: (p: number, n: number) => `Page ${p} of ${n}`,
  nextPage: 'Next page',
  previousPage: 'Previous page',
};
