import type { InboxQuery } from './types';

export const backofficeKeys = {
  all: ['backoffice'] as const,
  inboxes: ['backoffice', 'inbox'] as const,
  inbox: (query: InboxQuery) => ['backoffice', 'inbox', query] as const,
  processing: (id: string) => ['backoffice', 'processing', id] as const,
  resultDraft: (id: string) => ['backoffice', 'result-draft', id] as const,
};
