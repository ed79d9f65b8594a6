/**
 * Stands in for `@rjsf/validator-ajv8`'s index in the web build (web/vite.config.ts, `resolve.alias`).
 * @rjsf/core's index imports it for `getTestRegistry`, a test helper the app never calls, and the
 * index builds an Ajv validator when loaded: the Ajv compiler (about 30 KB gzip) would come with the
 * e-form engine. The app validates with the forms' precompiled validators (ADR 0021,
 * form-mapping.ts) and needs no compiler in the browser.
 */
const notInTheBrowser = new Proxy(
  {},
  {
    get() {
      throw new Error('@rjsf/validator-ajv8 is not part of the web build: forms use their precompiled validators (ADR 0021)');
    },
  },
);

export default notInTheBrowser;
