/** Query keys of the notifications: the one place cache entries are named. */
export const notificationKeys = {
  all: ['notifications'] as const,
  list: (page: number, unreadOnly: boolean) => [...notificationKeys.all, 'list', page, unreadOnly] as const,
  unreadCount: () => [...notificationKeys.all, 'unread-count'] as const,
};
