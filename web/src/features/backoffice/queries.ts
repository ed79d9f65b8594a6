import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { dossierKeys } from '../dossiers/keys';
import { backofficeKeys } from './keys';
import type { ActionBody, InboxQuery, ResultDraftBody } from './types';

export function inboxQuery(query: InboxQuery) {
  return queryOptions({
    queryKey: backofficeKeys.inbox(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/inbox', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    // Someone else may take or pass on a dossier at any moment: never trust a list for long.
    staleTime: 15 * 1000,
    refetchInterval: 60 * 1000,
    refetchOnWindowFocus: true,
  });
}

export function processingQuery(dossierId: string) {
  return queryOptions({
    queryKey: backofficeKeys.processing(dossierId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dossiers/{dossierId}/processing', { params: { path: { dossierId } }, signal })),
    staleTime: 15 * 1000,
  });
}

export function resultDraftQuery(dossierId: string) {
  return queryOptions({
    queryKey: backofficeKeys.resultDraft(dossierId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dossiers/{dossierId}/result-draft', { params: { path: { dossierId } }, signal })),
    // The form keeps its own copy while typing.
    refetchOnWindowFocus: false,
  });
}

/** Everything a dossier's workspace shows, asked again after a change. */
function useRefreshDossier() {
  const queryClient = useQueryClient();
  return (dossierId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: dossierKeys.one(dossierId) }),
      queryClient.invalidateQueries({ queryKey: dossierKeys.events(dossierId) }),
      queryClient.invalidateQueries({ queryKey: backofficeKeys.processing(dossierId) }),
      queryClient.invalidateQueries({ queryKey: backofficeKeys.resultDraft(dossierId) }),
      queryClient.invalidateQueries({ queryKey: backofficeKeys.inboxes }),
    ]);
}

/** Takes one action; the dossier, its workspace and the inboxes are asked again whatever the outcome (a 409 means they are stale). */
export function useTakeAction(dossierId: string) {
  const refresh = useRefreshDossier();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body: ActionBody }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/actions/{action}', { params: { path: { dossierId, action } }, body })),
    onSettled: () => refresh(dossierId),
  });
}

export function useSaveResultDraft(dossierId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ResultDraftBody) => unwrap(api.PUT('/api/v1/dossiers/{dossierId}/result-draft', { params: { path: { dossierId } }, body })),
    onSuccess: (draft) => {
      queryClient.setQueryData(backofficeKeys.resultDraft(dossierId), draft);
      void queryClient.invalidateQueries({ queryKey: backofficeKeys.processing(dossierId) });
      void queryClient.invalidateQueries({ queryKey: dossierKeys.events(dossierId) });
    },
  });
}
