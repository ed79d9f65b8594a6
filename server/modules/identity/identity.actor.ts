/** Who is making a request: resolved once per request from the session cookie or a bearer token. */
import type { OfficialRole } from './identity.tables.js';

export interface RoleGrant {
  role: OfficialRole;
  unitId: string;
  unitCode: string;
  fieldCodes: string[];
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'applicant'; userId: string; sessionId: string }
  | { kind: 'official'; userId: string; sessionId: string; grants: RoleGrant[] }
  /** Another system, with an access token from POST /oauth/token. */
  | { kind: 'client'; clientId: string; scopes: string[] };

/** A person signed in with a session. */
export type SignedInActor = Extract<Actor, { kind: 'applicant' | 'official' }>;
export type ClientActor = Extract<Actor, { kind: 'client' }>;

export const anonymousActor: Actor = Object.freeze({ kind: 'anonymous' });

/** True when the official holds the role on the unit (and, when the grant is limited, for the field). */
export function hasGrant(actor: Actor, { role, unitId, fieldCode }: { role: OfficialRole; unitId: string; fieldCode?: string }): boolean {
  if (actor.kind !== 'official') return false;
  return actor.grants.some((g) => g.role === role && g.unitId === unitId && (g.fieldCodes.length === 0 || (fieldCode !== undefined && g.fieldCodes.includes(fieldCode))));
}
