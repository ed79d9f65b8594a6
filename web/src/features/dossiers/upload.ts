/** File upload and removal for dossier components (XMLHttpRequest, for the progress events). */
import { CSRF_HEADER, csrfToken } from '../../api/csrf';
import { ApiError, toApiError } from '../../api/problem';
import { dossierFiles } from './urls';
import type { DossierAttachment } from './types';

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends one file for a component; `onProgress` gets 0–100. Rejects with the server's problem. */
export async function uploadAttachment(
  dossierId: string,
  componentId: string,
  file: File,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<DossierAttachment> {
  const token = await csrfToken(window.location.origin);
  const form = new FormData();
  // The component first: the server reads fields in order and streams the file.
  form.append('componentId', componentId);
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', dossierFiles.attachments(dossierId));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as DossierAttachment);
      else reject(toApiError(body, new Response(null, { status: xhr.status })));
    };
    xhr.onerror = () => reject(toApiError(undefined, undefined));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

export async function removeAttachment(dossierId: string, attachmentId: string): Promise<void> {
  const token = await csrfToken(window.location.origin);
  let response: Response;
  try {
    response = await fetch(dossierFiles.attachment(dossierId, attachmentId), {
      method: 'DELETE',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(token ? { [CSRF_HEADER]: token } : {}) },
    });
  } catch {
    throw toApiError(undefined, undefined);
  }
  if (!response.ok) throw toApiError(parse(await response.text()), response);
}

export { ApiError };
