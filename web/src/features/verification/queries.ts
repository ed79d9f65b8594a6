import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { isApiError } from '../../api/problem';
import { verificationKeys } from './keys';

/** The public facts of a signed document; a 404 or 429 is an answer, not worth asking again. */
export function documentVerificationQuery(documentId: string) {
  return queryOptions({
    queryKey: verificationKeys.document(documentId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/verify/{documentId}', { params: { path: { documentId } }, signal })),
    retry: (count, error) => count < 2 && !(isApiError(error) && (error.status === 404 || error.status === 429 || error.status === 400)),
  });
}
