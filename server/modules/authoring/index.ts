/** Public surface of the catalogue editor (issue 17): drafts of procedure versions with forms and workflows, published by a second editor. */
export * from './authoring.tables.js';
export { authoringRoutes } from './authoring.routes.js';
export { applyNationalPacket, draftFromNationalPacket } from './authoring.national.js';

import type { AppModule } from '../../platform/modules.js';
import { authoringRoutes } from './authoring.routes.js';
import { seedDocumentTemplates } from './authoring.templates.js';

export const authoringModule: AppModule = {
  name: 'authoring',
  routes: async (app, prefix) => {
    await app.register(authoringRoutes, { prefix });
  },
  seed: async ({ db, report }) => report('document templates seeded', await seedDocumentTemplates({ db })),
};
