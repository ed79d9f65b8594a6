/** Public surface of the identity module for other modules. */
export type { Actor, RoleGrant, SignedInActor } from './identity.actor.js';
export { hasGrant } from './identity.actor.js';
export { identityHttp, signedInActor } from './identity.http.js';
export { identityAuthRoutes } from './identity.routes.js';
export { identityMeRoutes } from './identity.me.routes.js';
