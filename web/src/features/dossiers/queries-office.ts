import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { dossierKeys } from './keys';
import { useStore } from './queries';
import type { CounterIntakeBody } from './types';

/** The officials' dossier queries and mutations (reception, counter intake, postal delivery); the citizen's are in queries.ts. */

export function receptionQueueQuery(page: number) {
  return queryOptions({
    queryKey: dossierKeys.queue(page),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reception/queue', { params: { query: { page, pageSize: 10 } }, signal })),
    placeholderData: keepPreviousData,
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

export function useCounterIntake() {
  const store = useStore();
  return useMutation({
    mutationFn: (body: CounterIntakeBody) => unwrap(api.POST('/api/v1/counter/dossiers', { body })),
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
