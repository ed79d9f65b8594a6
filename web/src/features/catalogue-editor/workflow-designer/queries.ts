import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '../../../../../contracts/api';
import { api, unwrap } from '../../../api/client';

export type WorkflowDraft = components['schemas']['WorkflowDraft'];
export type DesignerWorkflow = paths['/api/v1/admin/catalogue/workflows']['get']['responses'][200]['content']['application/json']['items'][number];

export const designerKeys = {
  all: ['workflow-designer'] as const,
  list: () => [...designerKeys.all, 'list'] as const,
  draft: (id: string) => [...designerKeys.all, 'draft', id] as const,
};

export const designerWorkflowsQuery = () => queryOptions({
  queryKey: designerKeys.list(),
  queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/admin/catalogue/workflows', { signal }))).items,
});

export const workflowDraftQuery = (id: string) => queryOptions({
  queryKey: designerKeys.draft(id),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/catalogue/workflow-drafts/{draftId}', { params: { path: { draftId: id } }, signal })),
});

export function useCreateWorkflowDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { workflowCode: string; name?: string }) => unwrap(api.POST('/api/v1/admin/catalogue/workflow-drafts', { body })),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: designerKeys.list() }),
  });
}

function useDraftMutation<T>(id: string, call: (input: T) => Promise<WorkflowDraft>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async (draft) => {
      queryClient.setQueryData(designerKeys.draft(id), draft);
      await queryClient.invalidateQueries({ queryKey: designerKeys.list() });
    },
  });
}

export const useSaveWorkflowDraft = (id: string) => useDraftMutation(id, (body: { name: string; steps: Record<string, unknown>[] }) =>
  unwrap(api.PUT('/api/v1/admin/catalogue/workflow-drafts/{draftId}', { params: { path: { draftId: id } }, body })));

export const useRequestPublish = (id: string) => useDraftMutation(id, () =>
  unwrap(api.POST('/api/v1/admin/catalogue/workflow-drafts/{draftId}/request-publish', { params: { path: { draftId: id } }, body: {} })));

export const usePublishWorkflow = (id: string) => useDraftMutation(id, () =>
  unwrap(api.POST('/api/v1/admin/catalogue/workflow-drafts/{draftId}/publish', { params: { path: { draftId: id } }, body: {} })));
