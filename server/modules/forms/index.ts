/** Public surface of e-form validators served to the browser (ADR 0021). */
export * from './forms.tables.js';
export { precompileForm, schemaHash } from './forms.precompile.js';
export { draftValidator, draftValidatorPath, publishedValidator, publishedValidatorPath, registerDraftValidator } from './forms.validators.js';
export { sendValidatorModule, validatorHashSchema, validatorModuleBodySchema } from './forms.routes.js';

import type { AppModule } from '../../platform/modules.js';
import { formsRoutes } from './forms.routes.js';

export const formsModule: AppModule = {
  name: 'forms',
  routes: async (app, prefix) => {
    await app.register(formsRoutes, { prefix });
  },
};
