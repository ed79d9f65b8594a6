/** Public surface of the identity module for other modules. */
export type { Actor, ClientActor, RoleGrant, SignedInActor } from './identity.actor.js';
export { hasGrant } from './identity.actor.js';
export { createForbiddenError } from './identity.errors.js';
export { clientActor, identityHttp, signedInActor } from './identity.http.js';
export { identityAdminRoutes } from './identity.admin.routes.js';
export { apiClientRoutes, oauthRoutes } from './identity.oauth.routes.js';
export { identityAuthRoutes } from './identity.routes.js';
export { identityMeRoutes } from './identity.me.routes.js';
export { identityOidcRoutes } from './identity.oidc.routes.js';
export { identityOrganisationRoutes } from './identity.organisations.routes.js';
export * from './identity.tables.js';
export { parseFlags, runUsersCommand, UsageError, usersUsage } from './identity.commands.js';
export { clientsUsage, runClientsCommand } from './identity.oauth.commands.js';
export { DEMO_PASSWORD, seedDemoAccounts } from './identity.seed.js';
export { seedDemoSigningPki } from './identity.signing-seed.js';
export { accountMailQueue, registerIdentityJobs } from './identity.jobs.js';
export { identitySecretColumns, signingKeyContext, totpSecretContext } from './identity.secrets.js';

import type { AppModule } from '../../platform/modules.js';
import { identityHttp as httpPlugin } from './identity.http.js';
import { identityAdminRoutes as adminRoutes } from './identity.admin.routes.js';
import { apiClientRoutes as clientRoutes, oauthRoutes as oauth } from './identity.oauth.routes.js';
import { identityAuthRoutes as authRoutes } from './identity.routes.js';
import { identityMeRoutes as meRoutes } from './identity.me.routes.js';
import { identityOidcRoutes as oidcRoutes } from './identity.oidc.routes.js';
import { identityOrganisationRoutes as organisationRoutes } from './identity.organisations.routes.js';
import { seedDemoAccounts as seedAccounts } from './identity.seed.js';
import { seedDemoSigningPki as seedPki } from './identity.signing-seed.js';
import { accountMailQueue as mailQueue, invitationMailQueue, registerIdentityJobs as registerJobs } from './identity.jobs.js';
import { phoneCodeQueue, registrationQueue } from './identity.queues.js';
import { identitySecretColumns } from './identity.secrets.js';

export const identityModule: AppModule = {
  name: 'identity',
  // Sessions, CSRF and bearer tokens for every module's routes.
  plugins: async (app) => {
    await app.register(httpPlugin);
  },
  routes: async (app, prefix) => {
    await app.register(authRoutes, { prefix });
    await app.register(meRoutes, { prefix });
    await app.register(oidcRoutes, { prefix });
    await app.register(organisationRoutes, { prefix });
    await app.register(clientRoutes, { prefix });
    await app.register(adminRoutes, { prefix });
    await app.register(oauth);
  },
  queues: [mailQueue, invitationMailQueue, registrationQueue, phoneCodeQueue],
  secretColumns: identitySecretColumns,
  workers: async (jobs, deps) => {
    await registerJobs(jobs, deps);
  },
  seed: async ({ db, config, demo, report }) => {
    // Demo accounts share a published password: never in production.
    if (!demo) return;
    const accounts = await seedAccounts({ db, config });
    report('demo accounts ready (password OpenDVC-demo-2026)', { created: accounts.created });
    if (config.signingDemoPki) {
      const pki = await seedPki({ db, dir: config.signingKeystoreDir, passphrase: config.signingPkcs12Passphrase });
      report('demo signing certificates ready (demo CA, not for real transactions)', { created: pki.created, dir: config.signingKeystoreDir });
    }
  },
};
