import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { dossierKeys } from './keys';
import type { paths } from '../../../../contracts/api';
import type { Answers, Dossier, DossierStatus, OnBehalfOf } from './types';

/*
 * The dossier queries and mutations of the citizen's filing pages (start, steps, confirmation, "Hồ
 * sơ của tôi", tracking), which all load this file. Those of the dossier page only are in
 * queries-detail.ts, the officials' in queries-office.ts: kept apart, each filing page's JavaScript
 * does not carry them.
 */

export function myDossiersQuery(statuses: DossierStatus[], page: number) {
  return queryOptions({
    queryKey: dossierKeys.mine(statuses, page),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dossiers', { params: { query: { status: statuses.length ? statuses : undefined, page, pageSize: 10 } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function dossierQuery(id: string) {
  return queryOptions({
    queryKey: dossierKeys.one(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dossiers/{dossierId}', { params: { path: { dossierId: id } }, signal })),
    // The journey keeps its own copy of the answers while typing; never refetch under it.
    refetchOnWindowFocus: false,
  });
}

/** Saves a dossier answer returned by any mutation into the cache. */
export function useStore() {
  const queryClient = useQueryClient();
  return (dossier: Dossier) => {
    queryClient.setQueryData(dossierKeys.one(dossier.id), dossier);
    void queryClient.invalidateQueries({ queryKey: ['dossiers', 'mine'] });
    void queryClient.invalidateQueries({ queryKey: dossierKeys.events(dossier.id) });
    void queryClient.invalidateQueries({ queryKey: ['dossiers', 'queue'] });
  };
}

export function useCreateDraft() {
  const store = useStore();
  return useMutation({
    mutationFn: (body: { procedureCode: string; caseCode: string; onBehalfOf?: OnBehalfOf }) => unwrap(api.POST('/api/v1/dossiers', { body })),
    onSuccess: store,
  });
}

export function saveAnswers(id: string, answers: Answers, version: number, onBehalfOf?: OnBehalfOf | null) {
  return unwrap(api.PATCH('/api/v1/dossiers/{dossierId}', { params: { path: { dossierId: id } }, body: { answers, version, ...(onBehalfOf !== undefined ? { onBehalfOf } : {}) } }));
}

export function useSubmit() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, idempotencyKey, declaration }: { id: string; idempotencyKey: string; declaration?: string }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/submit', { params: { path: { dossierId: id }, header: { 'idempotency-key': idempotencyKey } }, body: declaration ? { declaration } : {} })),
    onSuccess: store,
  });
}

export function useDeleteDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { error, response } = await api.DELETE('/api/v1/dossiers/{dossierId}', { params: { path: { dossierId: id } } });
      if (error !== undefined || !response.ok) throw error ?? new Error(String(response.status));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: dossierKeys.all }),
  });
}

export function trackDossier(code: string, key: string) {
  return unwrap(api.GET('/api/v1/tracking', { params: { query: { code, key } } }));
}

export type DeliveryChoiceBody = NonNullable<paths['/api/v1/dossiers/{dossierId}/delivery']['put']['requestBody']>['content']['application/json'];

export function useChooseDelivery() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DeliveryChoiceBody }) =>
      unwrap(api.PUT('/api/v1/dossiers/{dossierId}/delivery', { params: { path: { dossierId: id } }, body })),
    onSuccess: store,
  });
}
