import type { Me } from '../account/types';

export const ADMIN_PATH = '/quan-tri';

/** Whether the signed-in person holds the system administrator role (the server checks it again). */
export function isAdministrator(me: Me | null | undefined): boolean {
  return Boolean(me && me.kind === 'OFFICIAL' && me.grants.some((g) => g.role === 'ADMINISTRATOR'));
}
