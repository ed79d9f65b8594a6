/** Public surface of the identity module for other modules. */
export type { Actor, ClientActor, RoleGrant, SignedInActor } from './identity.actor.js';
export { hasGrant } from './identity.actor.js';
export { clientActor, identityHttp, signedInActor } from './identity.http.js';
export { identityAdminRoutes } from './identity.admin.routes.js';
export { apiClientRoutes, oauthRoutes } from './identity.oauth.routes.js';
export { identityAuthRoutes } from './identity.routes.js';
export { identityMeRoutes } from './identity.me.routes.js';
export { identityOidcRoutes } from './identity.oidc.routes.js';
export { identityOrganisationRoutes } from './identity.organisations.routes.js';
export { accountMailQueue, registerIdentityJobs } from './identity.jobs.js';
