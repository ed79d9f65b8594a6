import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { adminKeys } from './keys';
import type { AddGrantBody, CreateOfficialBody, CreateUnitBody, OfficialFilters, RegisterClientBody, RenameUnitBody } from './types';

export function unitsQuery() {
  return queryOptions({
    queryKey: adminKeys.units(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/admin/units', { signal }))).items,
  });
}

export function officialsQuery(filters: OfficialFilters) {
  return queryOptions({
    queryKey: adminKeys.officialPage(filters),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/officials', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function clientsQuery() {
  return queryOptions({
    queryKey: adminKeys.clients(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/admin/api-clients', { signal }))).items,
  });
}

/** A change that refreshes the units and the officials (counts and grants move together). */
function useAdminMutation<T, R>(mutationFn: (input: T) => Promise<R>, keys: readonly (readonly string[])[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

export function useCreateUnit() {
  return useAdminMutation((body: CreateUnitBody) => unwrap(api.POST('/api/v1/admin/units', { body })), [adminKeys.units()]);
}

export function useRenameUnit() {
  return useAdminMutation(
    ({ unitId, body }: { unitId: string; body: RenameUnitBody }) => unwrap(api.PATCH('/api/v1/admin/units/{unitId}', { params: { path: { unitId } }, body })),
    [adminKeys.units(), adminKeys.officials()],
  );
}

export function useCreateOfficial() {
  return useAdminMutation((body: CreateOfficialBody) => unwrap(api.POST('/api/v1/admin/officials', { body })), [adminKeys.units(), adminKeys.officials()]);
}

export function useAddGrant() {
  return useAdminMutation(
    ({ userId, body }: { userId: string; body: AddGrantBody }) => unwrap(api.POST('/api/v1/admin/officials/{userId}/grants', { params: { path: { userId } }, body })),
    [adminKeys.units(), adminKeys.officials()],
  );
}

export function useRemoveGrant() {
  return useAdminMutation(
    ({ userId, grantId }: { userId: string; grantId: string }) =>
      unwrap(api.DELETE('/api/v1/admin/officials/{userId}/grants/{grantId}', { params: { path: { userId, grantId } } })),
    [adminKeys.units(), adminKeys.officials()],
  );
}

export function useUnlockOfficial() {
  return useAdminMutation((userId: string) => unwrap(api.POST('/api/v1/admin/officials/{userId}/unlock', { params: { path: { userId } } })), [adminKeys.officials()]);
}

export function useResetTotp() {
  return useAdminMutation((userId: string) => unwrap(api.POST('/api/v1/admin/officials/{userId}/totp-reset', { params: { path: { userId } } })), [adminKeys.officials()]);
}

export function useRegisterClient() {
  return useAdminMutation((body: RegisterClientBody) => unwrap(api.POST('/api/v1/admin/api-clients', { body })), [adminKeys.clients()]);
}

export function useRevokeClient() {
  return useAdminMutation(
    (clientId: string) => unwrap(api.POST('/api/v1/admin/api-clients/{clientId}/revoke', { params: { path: { clientId } } })),
    [adminKeys.clients()],
  );
}

export type DvcqgSyncState = 'PENDING' | 'SYNCED' | 'FAILING' | 'DEAD';

export function dvcqgSyncQuery(state: DvcqgSyncState | null) {
  return queryOptions({
    queryKey: adminKeys.dvcqgSync(state),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/dvcqg/sync', { params: { query: state ? { state } : {} }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

export function useReplayDvcqg() {
  return useAdminMutation(
    (body: { dossierIds: string[] } | { all: true }) => unwrap(api.POST('/api/v1/admin/dvcqg/sync/replay', { body })),
    [adminKeys.dvcqgSyncAll()],
  );
}

export function usePauseDvcqg() {
  return useAdminMutation(
    (paused: boolean) => unwrap(paused ? api.POST('/api/v1/admin/dvcqg/sync/pause') : api.POST('/api/v1/admin/dvcqg/sync/resume')),
    [adminKeys.dvcqgSyncAll()],
  );
}

export function dvcqgCatalogueQuery() {
  return queryOptions({
    queryKey: adminKeys.dvcqgCatalogue(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/dvcqg/catalogue', { signal })),
  });
}

export function usePullDvcqgCatalogue() {
  return useAdminMutation(
    (codes: string[]) => unwrap(api.POST('/api/v1/admin/dvcqg/catalogue/pull', { body: codes.length ? { codes } : {} })),
    [adminKeys.dvcqgCatalogue()],
  );
}

export function organisationClaimsQuery() {
  return queryOptions({
    queryKey: adminKeys.organisationClaims(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/admin/organisation-claims', { params: { query: { status: 'PENDING' } }, signal }))).items,
  });
}

export function useVerifyClaim() {
  return useAdminMutation((organisationId: string) => unwrap(api.POST('/api/v1/admin/organisation-claims/{organisationId}/verify', { params: { path: { organisationId } }, body: {} })), [adminKeys.organisationClaims()]);
}

export function useRefuseClaim() {
  return useAdminMutation(({ organisationId, reason }: { organisationId: string; reason: string }) => unwrap(api.POST('/api/v1/admin/organisation-claims/{organisationId}/refuse', { params: { path: { organisationId } }, body: { reason } })), [adminKeys.organisationClaims()]);
}
