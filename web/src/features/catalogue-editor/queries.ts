import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '../../../../contracts/api';
import { api, unwrap } from '../../api/client';

export type CatalogueDraft = components['schemas']['CatalogueDraft'];
export type DraftContent = components['schemas']['CatalogueDraftContent'];
export type DraftForm = components['schemas']['CatalogueDraftForm'];
export type DraftWorkflow = components['schemas']['CatalogueDraftWorkflow'];
export type DraftDiff = components['schemas']['CatalogueDraftDiff'];
export type EditorProcedure = paths['/api/v1/admin/catalogue/procedures']['get']['responses'][200]['content']['application/json']['items'][number];
export type DraftSummary = paths['/api/v1/admin/catalogue/drafts']['get']['responses'][200]['content']['application/json']['items'][number];
export type CreateDraftBody = paths['/api/v1/admin/catalogue/drafts']['post']['requestBody']['content']['application/json'];

export const editorKeys = {
  all: ['catalogue-editor'] as const,
  procedures: () => [...editorKeys.all, 'procedures'] as const,
  drafts: () => [...editorKeys.all, 'drafts'] as const,
  draft: (id: string) => [...editorKeys.all, 'draft', id] as const,
  diff: (id: string) => [...editorKeys.all, 'diff', id] as const,
};

export const editorProceduresQuery = () => queryOptions({
  queryKey: editorKeys.procedures(),
  queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/admin/catalogue/procedures', { signal }))).items,
});

export const draftsQuery = () => queryOptions({
  queryKey: editorKeys.drafts(),
  queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/admin/catalogue/drafts', { signal }))).items,
});

export const draftQuery = (id: string) => queryOptions({
  queryKey: editorKeys.draft(id),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/catalogue/drafts/{draftId}', { params: { path: { draftId: id } }, signal })),
});

/** The precompiled validator of a draft form, for the preview (compiled on the server: the page generates no code). */
export const draftFormValidatorQuery = (key: string, schema: Record<string, unknown> | undefined) => queryOptions({
  queryKey: [...editorKeys.all, 'form-validator', key] as const,
  queryFn: ({ signal }) => unwrap(api.POST('/api/v1/admin/catalogue/form-validators', { body: { schema: schema! }, signal })),
  enabled: schema !== undefined,
  staleTime: Infinity,
  retry: false,
});

export const diffQuery = (id: string) => queryOptions({
  queryKey: editorKeys.diff(id),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/catalogue/drafts/{draftId}/diff', { params: { path: { draftId: id } }, signal })),
});

/** A change of a draft: the answer is the saved draft, which replaces the cached one. */
function useDraftMutation<T>(id: string, call: (input: T) => Promise<CatalogueDraft>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async (draft) => {
      queryClient.setQueryData(editorKeys.draft(id), draft);
      await queryClient.invalidateQueries({ queryKey: editorKeys.diff(id) });
      await queryClient.invalidateQueries({ queryKey: editorKeys.drafts() });
      await queryClient.invalidateQueries({ queryKey: editorKeys.procedures() });
    },
  });
}

export const useSaveContent = (id: string) => useDraftMutation(id, (body: DraftContent) =>
  unwrap(api.PUT('/api/v1/admin/catalogue/drafts/{draftId}', { params: { path: { draftId: id } }, body })));

export const useSaveForm = (id: string) => useDraftMutation(id, ({ caseCode, form }: { caseCode: string; form: DraftForm }) =>
  unwrap(api.PUT('/api/v1/admin/catalogue/drafts/{draftId}/forms/{caseCode}', { params: { path: { draftId: id, caseCode } }, body: form })));

export const useSaveWorkflow = (id: string) => useDraftMutation(id, ({ caseCode, workflow }: { caseCode: string; workflow: DraftWorkflow }) =>
  unwrap(api.PUT('/api/v1/admin/catalogue/drafts/{draftId}/workflows/{caseCode}', { params: { path: { draftId: id, caseCode } }, body: workflow })));

export const usePublish = (id: string) => useDraftMutation(id, () =>
  unwrap(api.POST('/api/v1/admin/catalogue/drafts/{draftId}/publish', { params: { path: { draftId: id } }, body: {} })));

export function useCreateDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDraftBody) => unwrap(api.POST('/api/v1/admin/catalogue/drafts', { body })),
    // The new draft opens at once: the lists refresh in the background (waiting for them, the
    // page stayed on the list for over 10 s on a loaded machine after the draft was created).
    onSuccess: (draft) => {
      queryClient.setQueryData(editorKeys.draft(draft.id), draft);
      void queryClient.invalidateQueries({ queryKey: editorKeys.drafts() });
      void queryClient.invalidateQueries({ queryKey: editorKeys.procedures() });
    },
  });
}
