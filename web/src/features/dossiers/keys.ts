export const dossierKeys = {
  all: ['dossiers'] as const,
  mine: (statuses: string[], page: number) => ['dossiers', 'mine', statuses, page] as const,
  one: (id: string) => ['dossiers', 'one', id] as const,
  events: (id: string) => ['dossiers', 'events', id] as const,
  queue: (page: number) => ['dossiers', 'queue', page] as const,
  tracking: (code: string, key: string) => ['dossiers', 'tracking', code, key] as const,
};
