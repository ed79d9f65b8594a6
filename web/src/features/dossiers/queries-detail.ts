import { queryOptions, useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { dossierKeys } from './keys';
import { useStore } from './queries';
import type { Answers } from './types';

/** The queries and mutations of the dossier page (history, resubmission, withdrawal, rating, receipts); the filing pages' are in queries.ts. */

export function dossierEventsQuery(id: string) {
  return queryOptions({
    queryKey: dossierKeys.events(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dossiers/{dossierId}/events', { params: { path: { dossierId: id } }, signal })),
  });
}

export function useResubmit() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, answers }: { id: string; answers?: Answers }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/resubmit', { params: { path: { dossierId: id } }, body: { answers } })),
    onSuccess: store,
  });
}

export function useWithdraw() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/withdraw', { params: { path: { dossierId: id } }, body: { reason } })),
    onSuccess: store,
  });
}

export function useRate() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, score, comment }: { id: string; score: number; comment?: string }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/rating', { params: { path: { dossierId: id } }, body: { score, ...(comment ? { comment } : {}) } })),
    onSuccess: store,
  });
}

export function receiptsQuery(id: string) {
  return queryOptions({
    queryKey: [...dossierKeys.one(id), 'receipts'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dossiers/{dossierId}/receipts', { params: { path: { dossierId: id } }, signal })),
  });
}
