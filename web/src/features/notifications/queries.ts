import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { notificationKeys } from './keys';

export const NOTIFICATIONS_PAGE_SIZE = 20;
/** How often the bell asks for the unread count. */
export const UNREAD_POLL_MS = 60 * 1000;

export function notificationsQuery(page: number, unreadOnly: boolean) {
  return queryOptions({
    queryKey: notificationKeys.list(page, unreadOnly),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/me/notifications', { params: { query: { page, pageSize: NOTIFICATIONS_PAGE_SIZE, ...(unreadOnly ? { unread: 'true' as const } : {}) } }, signal })),
    staleTime: 0,
  });
}

/** The bell's count: one item is enough, the answer carries the unread total; asked again every minute. */
export function unreadCountQuery() {
  return queryOptions({
    queryKey: notificationKeys.unreadCount(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/me/notifications', { params: { query: { page: 1, pageSize: 1, unread: 'true' } }, signal }))).unread,
    staleTime: 0,
    refetchInterval: UNREAD_POLL_MS,
  });
}

async function noContent(call: Promise<{ error?: unknown; response: Response }>) {
  const { error, response } = await call;
  if (error !== undefined || !response.ok) throw error ?? new Error(`HTTP ${response.status}`);
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) => noContent(api.POST('/api/v1/me/notifications/{notificationId}/read', { params: { path: { notificationId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => noContent(api.POST('/api/v1/me/notifications/read-all')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
