import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './problem';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * 60 * 1000,
        refetchOnWindowFocus: false,
        // A 404 or a 400 will not change by asking again; a dropped connection might.
        retry: (failureCount, error) => failureCount < 2 && (!isApiError(error) || error.isTransient),
      },
    },
  });
}
