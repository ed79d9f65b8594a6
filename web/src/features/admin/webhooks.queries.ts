import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../../../contracts/api';
import { adminKeys } from './keys';

export type WebhookSubscription = components['schemas']['WebhookSubscription'];
export type WebhookMessage = components['schemas']['WebhookMessage'];
export type WebhookMessageStatus = WebhookMessage['status'];

const keys = {
  all: () => [...adminKeys.all, 'webhooks'] as const,
  list: () => [...keys.all(), 'list'] as const,
  messages: (id: string, status: string | null) => [...keys.all(), 'messages', id, status ?? 'ALL'] as const,
};

export function webhooksQuery() {
  return queryOptions({
    queryKey: keys.list(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/webhooks', { signal })),
  });
}

export function webhookMessagesQuery(subscriptionId: string, status: WebhookMessageStatus | null) {
  return queryOptions({
    queryKey: keys.messages(subscriptionId, status),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/webhooks/{subscriptionId}/messages', { params: { path: { subscriptionId }, query: status ? { status } : {} }, signal })),
  });
}

function useWebhookMutation<T, R>(mutationFn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all() }) });
}

export const useCreateWebhook = () => useWebhookMutation((body: { url: string; eventTypes: string[]; description?: string }) =>
  unwrap(api.POST('/api/v1/admin/webhooks', { body: body as never })));
export const useSetWebhookStatus = () => useWebhookMutation(({ id, enable }: { id: string; enable: boolean }) =>
  unwrap(enable ? api.POST('/api/v1/admin/webhooks/{subscriptionId}/enable', { params: { path: { subscriptionId: id } } }) : api.POST('/api/v1/admin/webhooks/{subscriptionId}/disable', { params: { path: { subscriptionId: id } } })));
export const useRotateWebhook = () => useWebhookMutation((id: string) => unwrap(api.POST('/api/v1/admin/webhooks/{subscriptionId}/rotate', { params: { path: { subscriptionId: id } }, body: {} })));
export const useTestWebhook = () => useWebhookMutation((id: string) => unwrap(api.POST('/api/v1/admin/webhooks/{subscriptionId}/test', { params: { path: { subscriptionId: id } } })));
export const useReplayWebhook = () => useWebhookMutation(({ id, body }: { id: string; body: { messageIds: string[] } | { all: true } }) =>
  unwrap(api.POST('/api/v1/admin/webhooks/{subscriptionId}/replay', { params: { path: { subscriptionId: id } }, body })));
