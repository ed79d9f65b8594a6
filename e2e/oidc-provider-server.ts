/**
 * An OpenID Connect provider on 127.0.0.1 for the browser tests, standing in for the national
 * portal / VNeID: the portal (OIDC_* in e2e/playwright.config.ts) signs people in through it.
 * Its sign-in page lets the browser pick one of the test people in e2e/fixtures/services.ts.
 */
import { startTestOidcProvider } from '../server/test/oidc-provider.js';
import { nationalPeople, oidcPort, portalUrl } from './fixtures/services.js';

const provider = await startTestOidcProvider({
  redirectUri: `${portalUrl}/api/v1/auth/oidc/callback`,
  port: oidcPort,
  people: Object.values(nationalPeople),
});
console.log(`test OpenID Connect provider at ${provider.issuer}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void provider.close().then(() => process.exit(0)));
}
