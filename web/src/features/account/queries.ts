import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { whenShown } from '../../lib/when-shown';
import { api, unwrap } from '../../api/client';
import { isApiError } from '../../api/problem';
import { accountKeys } from './keys';
import type { LoginBody, Me, ProfileBody, RegisterBody } from './types';

/** The signed-in user, or null when nobody is signed in. */
export function meQuery() {
  return queryOptions({
    queryKey: accountKeys.me(),
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await unwrap(api.GET('/api/v1/me', { signal }));
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60 * 1000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: (me) => queryClient.setQueryData(accountKeys.me(), me),
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: (body: RegisterBody) => unwrap(api.POST('/api/v1/auth/register', { body })),
  });
}

/** Signs out and goes to the home page (first, so a page needing a session does not redirect to sign-in). */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      const { error, response } = await api.POST('/api/v1/auth/logout');
      // Already signed out (401) is what was asked for.
      if (error !== undefined && response.status !== 401) throw error;
    },
    onSettled: async () => {
      // The home page is on screen before the session is forgotten, so a page that needs one does
      // not redirect to sign-in on the way out.
      const shown = whenShown('/');
      await navigate('/', { replace: true });
      await shown;
      queryClient.setQueryData(accountKeys.me(), null);
      queryClient.removeQueries({ queryKey: accountKeys.all, type: 'inactive' });
    },
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileBody) => unwrap(api.PATCH('/api/v1/me/profile', { body })),
    onSuccess: (me) => queryClient.setQueryData(accountKeys.me(), me),
  });
}
