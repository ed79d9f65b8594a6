import type { Me } from '../account/types';

type Role = Me['grants'][number]['role'];

/** Roles that work on dossiers after reception (the administrator alone does not). */
export const PROCESSING_ROLES: readonly Role[] = ['ONE_STOP_OFFICER', 'SPECIALIST', 'UNIT_HEAD', 'LEADER', 'RECORDS_CLERK'];

export function hasRole(me: Me | null | undefined, role: Role): boolean {
  return Boolean(me && me.kind === 'OFFICIAL' && me.grants.some((g) => g.role === role));
}

/** Whether the signed-in person handles dossiers (the server checks each dossier again). */
export function isProcessingOfficial(me: Me | null | undefined): boolean {
  return Boolean(me && me.kind === 'OFFICIAL' && me.grants.some((g) => PROCESSING_ROLES.includes(g.role)));
}

/** Accountants (and the administrator) reconcile payments and refund them. */
export const isAccountant = (me: Me | null | undefined) => hasRole(me, 'ACCOUNTANT') || hasRole(me, 'ADMINISTRATOR');

/** Leaders sign results: the signing queue is theirs. */
export const isLeader = (me: Me | null | undefined) => hasRole(me, 'LEADER');
