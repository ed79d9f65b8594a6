/** Requests of the account pages beyond sign-in: e-mail verification, password reset and change, TOTP, organisations, representatives. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { whenShown } from '../../lib/when-shown';
import { api, unwrap } from '../../api/client';
import { CSRF_HEADER, csrfToken } from '../../api/csrf';
import { toApiError } from '../../api/problem';
import { accountKeys } from './keys';
import type { CreateOrganisationBody, RepresentativeBody } from './types';

/** Confirms the token of an e-mail link once (the answer is kept: a token works only once). */
export function verifyEmailQuery(token: string) {
  return queryOptions({
    queryKey: accountKeys.verifyEmail(token),
    queryFn: () => unwrap(api.GET('/api/v1/auth/verify-email', { params: { query: { token } } })),
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export const useResendVerification = () => useMutation({ mutationFn: (email: string) => unwrap(api.POST('/api/v1/auth/verify-email/resend', { body: { email } })) });
export const useVerifyPhone = () => useMutation({ mutationFn: (body: { phone: string; code: string }) => unwrap(api.POST('/api/v1/auth/verify-phone', { body })) });
export const useResendPhoneCode = () => useMutation({ mutationFn: (phone: string) => unwrap(api.POST('/api/v1/auth/verify-phone/resend', { body: { phone } })) });

/** Completes a change of phone with the code sent to the new number; the account then shows it. */
export function useConfirmPhoneChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/me/phone/confirm', { body: { code } })),
    onSuccess: (me) => queryClient.setQueryData(accountKeys.me(), me),
  });
}

export const useForgotPassword = () => useMutation({ mutationFn: (email: string) => unwrap(api.POST('/api/v1/auth/password/forgot', { body: { email } })) });
export const useResetPassword = () => useMutation({ mutationFn: (body: { token: string; password: string }) => unwrap(api.POST('/api/v1/auth/password/reset', { body })) });

/** Ends every session and goes home, like signing out. */
export function useLogoutEverywhere() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout-everywhere')),
    onSuccess: async (result) => {
      // As signing out (useLogout): the home page first, then the session is forgotten.
      const shown = whenShown('/');
      await navigate('/', { replace: true, state: { sessionsEnded: result.sessionsEnded } });
      await shown;
      queryClient.setQueryData(accountKeys.me(), null);
      queryClient.removeQueries({ queryKey: accountKeys.all, type: 'inactive' });
    },
  });
}

export const useStartTotp = () => useMutation({ mutationFn: (password: string) => unwrap(api.POST('/api/v1/me/totp/enrolment', { body: { password } })) });
export const useChangePassword = () =>
  useMutation({ mutationFn: (body: { currentPassword: string; newPassword: string }) => unwrap(api.POST('/api/v1/me/password', { body })) });
export const useVerifyTotp = () => useMutation({ mutationFn: (code: string) => unwrap(api.POST('/api/v1/me/totp/verify', { body: { code } })) });

export function organisationsQuery() {
  return queryOptions({
    queryKey: accountKeys.organisations(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/organisations', { signal }))).items,
  });
}

export function organisationQuery(id: string) {
  return queryOptions({
    queryKey: accountKeys.organisation(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organisations/{organisationId}', { params: { path: { organisationId: id } }, signal })),
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganisationBody) => unwrap(api.POST('/api/v1/organisations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.organisations() }),
  });
}

/** Owners: sends the proof of ownership (business registration certificate) for review. */
export function useSubmitProof(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const token = await csrfToken(window.location.origin);
      const form = new FormData();
      form.append('file', file, file.name);
      let response: Response;
      try {
        response = await fetch(`/api/v1/organisations/${encodeURIComponent(organisationId)}/proof`, {
          method: 'POST', credentials: 'same-origin', body: form, headers: { accept: 'application/json', ...(token ? { [CSRF_HEADER]: token } : {}) },
        });
      } catch {
        throw toApiError(undefined, undefined);
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) throw toApiError(body, response);
      return body;
    },
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: accountKeys.organisations() }),
      queryClient.invalidateQueries({ queryKey: accountKeys.organisation(organisationId) }),
    ]),
  });
}

export function useAddMember(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/v1/organisations/{organisationId}/members', { params: { path: { organisationId } }, body: { email } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.organisation(organisationId) }),
  });
}

export function representativesQuery() {
  return queryOptions({
    queryKey: accountKeys.representatives(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/representatives', { signal }))).items,
  });
}

/** Invitations to represent me or my organisations not accepted yet (the address typed only). */
export function representativeInvitationsQuery() {
  return queryOptions({
    queryKey: accountKeys.representativeInvitations(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/representatives', { signal }))).invitations,
  });
}

/** Invitations waiting for my answer. */
export function myInvitationsQuery() {
  return queryOptions({
    queryKey: accountKeys.myInvitations(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/me/invitations', { signal }))).items,
  });
}

export function useAnswerInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'accept' | 'decline' }) =>
      unwrap(decision === 'accept'
        ? api.POST('/api/v1/me/invitations/{invitationId}/accept', { params: { path: { invitationId: id } } })
        : api.POST('/api/v1/me/invitations/{invitationId}/decline', { params: { path: { invitationId: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

export function useAnswerInvitationByToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; decision: 'accept' | 'decline' }) => unwrap(api.POST('/api/v1/me/invitations/by-token', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

export function representationsQuery() {
  return queryOptions({
    queryKey: accountKeys.representations(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/representatives/received', { signal }))).items,
  });
}

export function useAuthoriseRepresentative() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RepresentativeBody) => unwrap(api.POST('/api/v1/representatives', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.representatives() }),
  });
}

export function useRevokeRepresentative() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (authorisationId: string) => {
      const { error, response } = await api.POST('/api/v1/representatives/{authorisationId}/revoke', { params: { path: { authorisationId } } });
      if (error !== undefined) await unwrap(Promise.resolve({ error, response }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.representatives() }),
  });
}
