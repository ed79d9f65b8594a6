import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { dossierKeys } from './keys';
import type { paths } from '../../../../contracts/api';
import type { Answers, CounterIntakeBody, Dossier, DossierStatus, OnBehalfOf } from './types';

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

export function dossierEventsQuery(id: string) {
  return queryOptions({
    queryKey: dossierKeys.events(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dossiers/{dossierId}/events', { params: { path: { dossierId: id } }, signal })),
  });
}

export function receptionQueueQuery(page: number) {
  return queryOptions({
    queryKey: dossierKeys.queue(page),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reception/queue', { params: { query: { page, pageSize: 10 } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** Saves a dossier answer returned by any mutation into the cache. */
function useStore() {
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

export function useReceive() {
  const store = useStore();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/dossiers/{dossierId}/receive', { params: { path: { dossierId: id } } })),
    onSuccess: store,
  });
}

export function useRequestSupplement() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; components: string[]; fields: string[]; reason: string; dueInDays?: number }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/request-supplement', { params: { path: { dossierId: id } }, body })),
    onSuccess: store,
  });
}

export function useRefuse() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, reasons }: { id: string; reasons: string[] }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/refuse', { params: { path: { dossierId: id } }, body: { reasons } })),
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

export function useCounterIntake() {
  const store = useStore();
  return useMutation({
    mutationFn: (body: CounterIntakeBody) => unwrap(api.POST('/api/v1/counter/dossiers', { body })),
    onSuccess: store,
  });
}

export function trackDossier(code: string, key: string) {
  return unwrap(api.GET('/api/v1/tracking', { params: { query: { code, key } } }));
}

export function receiptsQuery(id: string) {
  return queryOptions({
    queryKey: [...dossierKeys.one(id), 'receipts'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dossiers/{dossierId}/receipts', { params: { path: { dossierId: id } }, signal })),
  });
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

export function useRecordShipment() {
  const store = useStore();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, carrier, trackingNumber }: { id: string; carrier: string; trackingNumber: string }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/delivery/shipment', { params: { path: { dossierId: id } }, body: { carrier, trackingNumber } })),
    onSuccess: (dossier) => {
      store(dossier);
      void queryClient.invalidateQueries({ queryKey: ['backoffice'] });
    },
  });
}

export function useConfirmDelivery() {
  const store = useStore();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, receivedBy }: { id: string; receivedBy?: string }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/delivery/confirmation', { params: { path: { dossierId: id } }, body: receivedBy ? { receivedBy } : {} })),
    onSuccess: (dossier) => {
      store(dossier);
      void queryClient.invalidateQueries({ queryKey: ['backoffice'] });
    },
  });
}
